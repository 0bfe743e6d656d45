START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202190517_AddPatientSegments') THEN
    CREATE TABLE "PatientSegments" (
        "PatientId" integer NOT NULL,
        "Segment" integer NOT NULL,
        CONSTRAINT "PK_PatientSegments" PRIMARY KEY ("PatientId"),
        CONSTRAINT "FK_PatientSegments_Patients_PatientId" FOREIGN KEY ("PatientId") REFERENCES "Patients" ("Id") ON DELETE CASCADE
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202190517_AddPatientSegments') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261202190517_AddPatientSegments', '10.0.15');
    END IF;
END $EF$;
COMMIT;

