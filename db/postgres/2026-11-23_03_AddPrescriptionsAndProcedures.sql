START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123215423_AddPrescriptionsAndProcedures') THEN
    CREATE TABLE "Prescriptions" (
        "Id" bigint NOT NULL,
        "PatientId" integer NOT NULL,
        "DmdCode" character varying(18) NOT NULL,
        "IssuedOn" integer NOT NULL,
        CONSTRAINT "PK_Prescriptions" PRIMARY KEY ("Id"),
        CONSTRAINT "FK_Prescriptions_Patients_PatientId" FOREIGN KEY ("PatientId") REFERENCES "Patients" ("Id") ON DELETE CASCADE
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123215423_AddPrescriptionsAndProcedures') THEN
    CREATE TABLE "Procedures" (
        "Id" bigint NOT NULL,
        "PatientId" integer NOT NULL,
        "SnomedCode" character varying(18) NOT NULL,
        "PerformedOn" integer NOT NULL,
        CONSTRAINT "PK_Procedures" PRIMARY KEY ("Id"),
        CONSTRAINT "FK_Procedures_Patients_PatientId" FOREIGN KEY ("PatientId") REFERENCES "Patients" ("Id") ON DELETE CASCADE
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123215423_AddPrescriptionsAndProcedures') THEN
    CREATE INDEX "IX_Prescriptions_PatientId_IssuedOn" ON "Prescriptions" ("PatientId", "IssuedOn");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123215423_AddPrescriptionsAndProcedures') THEN
    CREATE INDEX "IX_Procedures_PatientId_PerformedOn" ON "Procedures" ("PatientId", "PerformedOn");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123215423_AddPrescriptionsAndProcedures') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261123215423_AddPrescriptionsAndProcedures', '10.0.15');
    END IF;
END $EF$;
COMMIT;

