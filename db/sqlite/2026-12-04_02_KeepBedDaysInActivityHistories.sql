BEGIN TRANSACTION;
ALTER TABLE "ActivityHistories" ADD "BedDays" INTEGER NOT NULL DEFAULT 0;

DELETE FROM "ActivityHistories";

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261204211802_KeepBedDaysInActivityHistories', '10.0.15');

COMMIT;

