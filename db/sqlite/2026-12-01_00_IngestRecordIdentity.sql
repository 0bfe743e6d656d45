BEGIN TRANSACTION;
ALTER TABLE "IngestedRecords" ADD "ContentHash" INTEGER NULL;

ALTER TABLE "IngestedRecords" ADD "PatientId" INTEGER NULL;

ALTER TABLE "IngestedRecords" ADD "RowId" INTEGER NULL;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261201230746_IngestRecordIdentity', '10.0.15');

COMMIT;

