START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202001033_RegistersFromQofClusters') THEN
    DROP INDEX "IX_Conditions_Register_PatientId";
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202001033_RegistersFromQofClusters') THEN
    ALTER TABLE "Conditions" ADD "CodeList" character varying(20) NOT NULL DEFAULT 'registers.v1';
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202001033_RegistersFromQofClusters') THEN
    ALTER TABLE "Conditions" ADD "Kind" integer NOT NULL DEFAULT 1;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202001033_RegistersFromQofClusters') THEN
    CREATE INDEX "IX_Conditions_Register_Kind_PatientId_OnsetDate" ON "Conditions" ("Register", "Kind", "PatientId", "OnsetDate");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202001033_RegistersFromQofClusters') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261202001033_RegistersFromQofClusters', '10.0.15');
    END IF;
END $EF$;
COMMIT;

