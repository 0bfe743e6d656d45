START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202043026_AddActivityPrimaryDiagnosis') THEN
    ALTER TABLE "Activities" ADD "AmbulatoryCareSensitive" boolean NOT NULL DEFAULT FALSE;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202043026_AddActivityPrimaryDiagnosis') THEN
    ALTER TABLE "Activities" ADD "PrimaryDiagnosis" character varying(6);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202043026_AddActivityPrimaryDiagnosis') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261202043026_AddActivityPrimaryDiagnosis', '10.0.15');
    END IF;
END $EF$;
COMMIT;

