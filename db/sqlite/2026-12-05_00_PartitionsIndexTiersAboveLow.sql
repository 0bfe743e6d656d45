BEGIN TRANSACTION;
INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261205084820_PartitionsIndexTiersAboveLow', '10.0.15');

COMMIT;

