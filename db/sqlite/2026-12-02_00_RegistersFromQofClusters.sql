BEGIN TRANSACTION;
DROP INDEX "IX_Conditions_Register_PatientId";

ALTER TABLE "Conditions" ADD "CodeList" TEXT NOT NULL DEFAULT 'registers.v1';

ALTER TABLE "Conditions" ADD "Kind" INTEGER NOT NULL DEFAULT 1;

CREATE INDEX "IX_Conditions_Register_Kind_PatientId_OnsetDate" ON "Conditions" ("Register", "Kind", "PatientId", "OnsetDate");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261202001027_RegistersFromQofClusters', '10.0.15');

COMMIT;

