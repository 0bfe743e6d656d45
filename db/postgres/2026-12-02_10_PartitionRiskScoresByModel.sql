START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202213810_PartitionRiskScoresByModel') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261202213810_PartitionRiskScoresByModel', '10.0.15');
    END IF;
END $EF$;
COMMIT;

