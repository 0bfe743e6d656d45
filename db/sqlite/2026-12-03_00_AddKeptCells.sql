BEGIN TRANSACTION;
CREATE TABLE "PopulationCells" (
    "PracticeCode" TEXT NOT NULL,
    "LsoaCode" TEXT NOT NULL,
    "Patients" INTEGER NOT NULL,
    "RecordKeySum" INTEGER NOT NULL,
    CONSTRAINT "PK_PopulationCells" PRIMARY KEY ("PracticeCode", "LsoaCode")
);

CREATE TABLE "RiskScoreCells" (
    "Model" TEXT NOT NULL,
    "PracticeCode" TEXT NOT NULL,
    "LsoaCode" TEXT NOT NULL,
    "Tier" INTEGER NOT NULL,
    "Patients" INTEGER NOT NULL,
    "RecordKeySum" INTEGER NOT NULL,
    "ProbabilitySum" REAL NOT NULL,
    CONSTRAINT "PK_RiskScoreCells" PRIMARY KEY ("Model", "PracticeCode", "LsoaCode", "Tier")
);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261203162133_AddKeptCells', '10.0.15');

COMMIT;

