START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202003640_AddGeneratorTruth') THEN
    CREATE TABLE "GeneratorTruth" (
        "PatientId" integer NOT NULL,
        "DeathHazardPerYear" double precision NOT NULL,
        "GpAppointmentsPerYear" double precision NOT NULL,
        "Nhs111CallsPerYear" double precision NOT NULL,
        "AmbulanceCallsPerYear" double precision NOT NULL,
        "AeAttendancesPerYear" double precision NOT NULL,
        "EmergencyAdmissionsPerYear" double precision NOT NULL,
        "ElectiveAdmissionsPerYear" double precision NOT NULL,
        "OutpatientAttendancesPerYear" double precision NOT NULL,
        "CommunityContactsPerYear" double precision NOT NULL,
        "SocialCareContactsPerYear" double precision NOT NULL,
        CONSTRAINT "PK_GeneratorTruth" PRIMARY KEY ("PatientId"),
        CONSTRAINT "FK_GeneratorTruth_Patients_PatientId" FOREIGN KEY ("PatientId") REFERENCES "Patients" ("Id") ON DELETE CASCADE
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202003640_AddGeneratorTruth') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261202003640_AddGeneratorTruth', '10.0.15');
    END IF;
END $EF$;
COMMIT;

