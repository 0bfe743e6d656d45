START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261201230753_IngestRecordIdentity') THEN
    ALTER TABLE "IngestedRecords" ADD "ContentHash" bigint;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261201230753_IngestRecordIdentity') THEN
    ALTER TABLE "IngestedRecords" ADD "PatientId" integer;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261201230753_IngestRecordIdentity') THEN
    ALTER TABLE "IngestedRecords" ADD "RowId" bigint;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261201230753_IngestRecordIdentity') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261201230753_IngestRecordIdentity', '10.0.15');
    END IF;
END $EF$;
COMMIT;

