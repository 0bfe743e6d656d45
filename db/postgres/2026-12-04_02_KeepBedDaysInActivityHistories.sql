START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204211805_KeepBedDaysInActivityHistories') THEN
    ALTER TABLE "ActivityHistories" ADD "BedDays" integer NOT NULL DEFAULT 0;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204211805_KeepBedDaysInActivityHistories') THEN
    TRUNCATE "ActivityHistories";
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204211805_KeepBedDaysInActivityHistories') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261204211805_KeepBedDaysInActivityHistories', '10.0.15');
    END IF;
END $EF$;
COMMIT;

