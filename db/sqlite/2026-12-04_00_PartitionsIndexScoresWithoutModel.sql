BEGIN TRANSACTION;
INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261204153452_PartitionsIndexScoresWithoutModel', '10.0.15');

COMMIT;

