START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204232759_KeyRiskScoresByPatient') THEN
    DROP INDEX "IX_RiskScores_PatientId";
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204232759_KeyRiskScoresByPatient') THEN
    DROP INDEX "IX_RiskScores_Model_PatientId_Tier_Probability";
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204232759_KeyRiskScoresByPatient') THEN
    ALTER TABLE "RiskScores" DROP CONSTRAINT "PK_RiskScores";
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204232759_KeyRiskScoresByPatient') THEN
    ALTER TABLE "RiskScores" ADD CONSTRAINT "PK_RiskScores" PRIMARY KEY ("PatientId", "Model") INCLUDE ("Tier", "Probability");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204232759_KeyRiskScoresByPatient') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261204232759_KeyRiskScoresByPatient', '10.0.15');
    END IF;
END $EF$;
COMMIT;

