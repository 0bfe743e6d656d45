BEGIN TRANSACTION;
CREATE TABLE "ScoredModels" (
    "Name" TEXT NOT NULL CONSTRAINT "PK_ScoredModels" PRIMARY KEY,
    "Version" TEXT NOT NULL,
    "Outcome" TEXT NOT NULL,
    "Learner" TEXT NOT NULL,
    "FeatureSchemaHash" TEXT NOT NULL,
    "TrainedAtUtc" TEXT NOT NULL,
    "TrainedOn" INTEGER NOT NULL,
    "EvaluatedOn" INTEGER NOT NULL,
    "ScoredOn" INTEGER NOT NULL,
    "ScoredAtUtc" TEXT NOT NULL,
    "PatientsScored" INTEGER NOT NULL,
    "Auroc" REAL NOT NULL,
    "AurocLower" REAL NOT NULL,
    "AurocUpper" REAL NOT NULL,
    "Auprc" REAL NOT NULL,
    "Brier" REAL NOT NULL,
    "CalibrationSlope" REAL NOT NULL,
    "CalibrationIntercept" REAL NOT NULL,
    "OracleAuroc" REAL NULL,
    "OracleBrier" REAL NULL
);

CREATE TABLE "RiskScores" (
    "Model" TEXT NOT NULL,
    "PatientId" INTEGER NOT NULL,
    "ModelVersion" TEXT NOT NULL,
    "Probability" REAL NOT NULL,
    "Rank" INTEGER NOT NULL,
    "Percentile" REAL NOT NULL,
    "Tier" INTEGER NOT NULL,
    "Contributions" TEXT NOT NULL,
    CONSTRAINT "PK_RiskScores" PRIMARY KEY ("Model", "PatientId"),
    CONSTRAINT "FK_RiskScores_Patients_PatientId" FOREIGN KEY ("PatientId") REFERENCES "Patients" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_RiskScores_ScoredModels_Model" FOREIGN KEY ("Model") REFERENCES "ScoredModels" ("Name") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_RiskScores_Model_Rank" ON "RiskScores" ("Model", "Rank");

CREATE INDEX "IX_RiskScores_PatientId" ON "RiskScores" ("PatientId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261202012747_AddRiskScores', '10.0.15');

COMMIT;

