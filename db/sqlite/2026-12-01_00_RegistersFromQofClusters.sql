BEGIN TRANSACTION;
ALTER TABLE "Conditions" ADD "CodeList" TEXT NOT NULL DEFAULT 'registers.v1';

ALTER TABLE "Conditions" ADD "Kind" INTEGER NOT NULL DEFAULT 1;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261201231018_RegistersFromQofClusters', '10.0.15');

COMMIT;

