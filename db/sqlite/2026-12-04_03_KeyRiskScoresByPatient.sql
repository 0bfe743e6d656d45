BEGIN TRANSACTION;
INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261204232757_KeyRiskScoresByPatient', '10.0.15');

COMMIT;

