START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202074348_AddRegistersHeldAndActivityWindowIndex') THEN
    CREATE TABLE "RegistersHeld" (
        "PatientId" integer NOT NULL,
        "Register" integer NOT NULL,
        CONSTRAINT "PK_RegistersHeld" PRIMARY KEY ("PatientId", "Register"),
        CONSTRAINT "FK_RegistersHeld_Patients_PatientId" FOREIGN KEY ("PatientId") REFERENCES "Patients" ("Id") ON DELETE CASCADE
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202074348_AddRegistersHeldAndActivityWindowIndex') THEN
    CREATE INDEX "IX_Activities_Kind_Date_PatientId" ON "Activities" ("Kind", "Date", "PatientId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202074348_AddRegistersHeldAndActivityWindowIndex') THEN
    CREATE INDEX "IX_RegistersHeld_Register_PatientId" ON "RegistersHeld" ("Register", "PatientId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202074348_AddRegistersHeldAndActivityWindowIndex') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261202074348_AddRegistersHeldAndActivityWindowIndex', '10.0.15');
    END IF;
END $EF$;
COMMIT;

