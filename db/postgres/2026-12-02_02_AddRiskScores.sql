START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202012751_AddRiskScores') THEN
    CREATE TABLE "ScoredModels" (
        "Name" character varying(64) NOT NULL,
        "Version" character varying(32) NOT NULL,
        "Outcome" character varying(200) NOT NULL,
        "Learner" character varying(32) NOT NULL,
        "FeatureSchemaHash" character varying(16) NOT NULL,
        "TrainedAtUtc" timestamp with time zone NOT NULL,
        "TrainedOn" integer NOT NULL,
        "EvaluatedOn" integer NOT NULL,
        "ScoredOn" integer NOT NULL,
        "ScoredAtUtc" timestamp with time zone NOT NULL,
        "PatientsScored" integer NOT NULL,
        "Auroc" double precision NOT NULL,
        "AurocLower" double precision NOT NULL,
        "AurocUpper" double precision NOT NULL,
        "Auprc" double precision NOT NULL,
        "Brier" double precision NOT NULL,
        "CalibrationSlope" double precision NOT NULL,
        "CalibrationIntercept" double precision NOT NULL,
        "OracleAuroc" double precision,
        "OracleBrier" double precision,
        CONSTRAINT "PK_ScoredModels" PRIMARY KEY ("Name")
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202012751_AddRiskScores') THEN
    CREATE TABLE "RiskScores" (
        "Model" character varying(64) NOT NULL,
        "PatientId" integer NOT NULL,
        "ModelVersion" character varying(32) NOT NULL,
        "Probability" double precision NOT NULL,
        "Rank" integer NOT NULL,
        "Percentile" double precision NOT NULL,
        "Tier" integer NOT NULL,
        "Contributions" character varying(2000) NOT NULL,
        CONSTRAINT "PK_RiskScores" PRIMARY KEY ("Model", "PatientId"),
        CONSTRAINT "FK_RiskScores_Patients_PatientId" FOREIGN KEY ("PatientId") REFERENCES "Patients" ("Id") ON DELETE CASCADE,
        CONSTRAINT "FK_RiskScores_ScoredModels_Model" FOREIGN KEY ("Model") REFERENCES "ScoredModels" ("Name") ON DELETE CASCADE
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202012751_AddRiskScores') THEN
    CREATE UNIQUE INDEX "IX_RiskScores_Model_Rank" ON "RiskScores" ("Model", "Rank");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202012751_AddRiskScores') THEN
    CREATE INDEX "IX_RiskScores_PatientId" ON "RiskScores" ("PatientId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202012751_AddRiskScores') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261202012751_AddRiskScores', '10.0.15');
    END IF;
END $EF$;
COMMIT;

