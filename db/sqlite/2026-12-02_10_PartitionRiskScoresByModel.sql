BEGIN TRANSACTION;
INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261202213754_PartitionRiskScoresByModel', '10.0.15');

COMMIT;

