START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202213810_PartitionRiskScoresByModel') THEN
    ALTER TABLE "RiskScores" DROP CONSTRAINT "PK_RiskScores";
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202213810_PartitionRiskScoresByModel') THEN
    DROP INDEX "IX_RiskScores_Model_Rank";
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202213810_PartitionRiskScoresByModel') THEN
    DROP INDEX "IX_RiskScores_Model_Tier_PatientId";
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202213810_PartitionRiskScoresByModel') THEN
    DROP INDEX "IX_RiskScores_Model_PatientId_Tier_Probability";
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202213810_PartitionRiskScoresByModel') THEN
    DROP INDEX "IX_RiskScores_PatientId";
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202213810_PartitionRiskScoresByModel') THEN
    ALTER TABLE "RiskScores" RENAME TO "RiskScores_unpartitioned";
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202213810_PartitionRiskScoresByModel') THEN
    CREATE TABLE "RiskScores" ("Model" character varying(64) NOT NULL, "PatientId" integer NOT NULL, "ModelVersion" character varying(32) NOT NULL,
    "Probability" double precision NOT NULL, "Rank" integer NOT NULL, "Percentile" double precision NOT NULL, "Tier" integer NOT NULL,
    "Contributions" character varying(2000) NOT NULL) PARTITION BY LIST ("Model");
    CREATE TABLE "RiskScores_default" PARTITION OF "RiskScores" DEFAULT;
    DO $partitions$
    DECLARE model text;
    BEGIN
        FOR model IN SELECT "Name" FROM "ScoredModels" LOOP
            EXECUTE format('CREATE TABLE %I PARTITION OF "RiskScores" FOR VALUES IN (%L)', 'RiskScores_' || model, model);
        END LOOP;
    END
    $partitions$;
    INSERT INTO "RiskScores" ("Model", "PatientId", "ModelVersion", "Probability", "Rank", "Percentile", "Tier", "Contributions") SELECT "Model", "PatientId", "ModelVersion", "Probability", "Rank", "Percentile", "Tier", "Contributions" FROM "RiskScores_unpartitioned";
    DROP TABLE "RiskScores_unpartitioned";
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202213810_PartitionRiskScoresByModel') THEN
    ALTER TABLE "RiskScores" ADD CONSTRAINT "PK_RiskScores" PRIMARY KEY ("Model", "PatientId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202213810_PartitionRiskScoresByModel') THEN
    ALTER TABLE "RiskScores" ADD CONSTRAINT "FK_RiskScores_Patients_PatientId" FOREIGN KEY ("PatientId") REFERENCES "Patients" ("Id") ON DELETE CASCADE;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202213810_PartitionRiskScoresByModel') THEN
    ALTER TABLE "RiskScores" ADD CONSTRAINT "FK_RiskScores_ScoredModels_Model" FOREIGN KEY ("Model") REFERENCES "ScoredModels" ("Name") ON DELETE CASCADE;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202213810_PartitionRiskScoresByModel') THEN
    CREATE UNIQUE INDEX "IX_RiskScores_Model_Rank" ON "RiskScores" ("Model", "Rank");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202213810_PartitionRiskScoresByModel') THEN
    CREATE INDEX "IX_RiskScores_Model_Tier_PatientId" ON "RiskScores" ("Model", "Tier", "PatientId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202213810_PartitionRiskScoresByModel') THEN
    CREATE INDEX "IX_RiskScores_Model_PatientId_Tier_Probability" ON "RiskScores" ("Model", "PatientId", "Tier", "Probability");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202213810_PartitionRiskScoresByModel') THEN
    CREATE INDEX "IX_RiskScores_PatientId" ON "RiskScores" ("PatientId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202213810_PartitionRiskScoresByModel') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261202213810_PartitionRiskScoresByModel', '10.0.15');
    END IF;
END $EF$;
COMMIT;

