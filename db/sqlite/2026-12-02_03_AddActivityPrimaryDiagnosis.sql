BEGIN TRANSACTION;
ALTER TABLE "Activities" ADD "AmbulatoryCareSensitive" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "Activities" ADD "PrimaryDiagnosis" TEXT NULL;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261202043014_AddActivityPrimaryDiagnosis', '10.0.15');

COMMIT;

