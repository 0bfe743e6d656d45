START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203162143_AddKeptCells') THEN
    CREATE TABLE "PopulationCells" (
        "PracticeCode" character varying(10) NOT NULL,
        "LsoaCode" character varying(9) NOT NULL,
        "Patients" integer NOT NULL,
        "RecordKeySum" bigint NOT NULL,
        CONSTRAINT "PK_PopulationCells" PRIMARY KEY ("PracticeCode", "LsoaCode")
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203162143_AddKeptCells') THEN
    CREATE TABLE "RiskScoreCells" (
        "Model" character varying(64) NOT NULL,
        "PracticeCode" character varying(10) NOT NULL,
        "LsoaCode" character varying(9) NOT NULL,
        "Tier" integer NOT NULL,
        "Patients" integer NOT NULL,
        "RecordKeySum" bigint NOT NULL,
        "ProbabilitySum" double precision NOT NULL,
        CONSTRAINT "PK_RiskScoreCells" PRIMARY KEY ("Model", "PracticeCode", "LsoaCode", "Tier")
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203162143_AddKeptCells') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261203162143_AddKeptCells', '10.0.15');
    END IF;
END $EF$;
COMMIT;

