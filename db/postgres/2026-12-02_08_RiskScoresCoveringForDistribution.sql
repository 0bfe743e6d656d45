START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202155821_RiskScoresCoveringForDistribution') THEN
    CREATE INDEX "IX_RiskScores_Model_PatientId_Tier_Probability" ON "RiskScores" ("Model", "PatientId", "Tier", "Probability");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202155821_RiskScoresCoveringForDistribution') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261202155821_RiskScoresCoveringForDistribution', '10.0.15');
    END IF;
END $EF$;
COMMIT;

