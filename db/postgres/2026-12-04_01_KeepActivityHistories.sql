START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204181747_KeepActivityHistories') THEN
    CREATE TABLE "ActivityHistories" (
        "PatientId" integer NOT NULL,
        "Kind" integer NOT NULL,
        "In3Months" integer NOT NULL,
        "In6Months" integer NOT NULL,
        "In12Months" integer NOT NULL,
        "In24Months" integer NOT NULL,
        "InHistory" integer NOT NULL,
        "Last" integer NOT NULL,
        CONSTRAINT "PK_ActivityHistories" PRIMARY KEY ("PatientId", "Kind"),
        CONSTRAINT "FK_ActivityHistories_Patients_PatientId" FOREIGN KEY ("PatientId") REFERENCES "Patients" ("Id") ON DELETE CASCADE
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204181747_KeepActivityHistories') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261204181747_KeepActivityHistories', '10.0.15');
    END IF;
END $EF$;
COMMIT;

