START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261201231026_RegistersFromQofClusters') THEN
    ALTER TABLE "Conditions" ADD "CodeList" character varying(20) NOT NULL DEFAULT 'registers.v1';
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261201231026_RegistersFromQofClusters') THEN
    ALTER TABLE "Conditions" ADD "Kind" integer NOT NULL DEFAULT 1;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261201231026_RegistersFromQofClusters') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261201231026_RegistersFromQofClusters', '10.0.15');
    END IF;
END $EF$;
COMMIT;

