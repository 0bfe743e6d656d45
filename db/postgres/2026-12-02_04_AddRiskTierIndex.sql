START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202044945_AddRiskTierIndex') THEN
    CREATE INDEX "IX_RiskScores_Model_Tier_PatientId" ON "RiskScores" ("Model", "Tier", "PatientId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202044945_AddRiskTierIndex') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261202044945_AddRiskTierIndex', '10.0.15');
    END IF;
END $EF$;
COMMIT;

