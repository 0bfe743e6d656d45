BEGIN TRANSACTION;
CREATE TABLE "IngestedRecords" (
    "Key" TEXT NOT NULL CONSTRAINT "PK_IngestedRecords" PRIMARY KEY
);

CREATE TABLE "Quarantine" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Quarantine" PRIMARY KEY AUTOINCREMENT,
    "Source" TEXT NOT NULL,
    "Reference" TEXT NOT NULL,
    "Field" TEXT NOT NULL,
    "Reason" TEXT NOT NULL,
    "QuarantinedAtUtc" TEXT NOT NULL
);

CREATE UNIQUE INDEX "IX_Quarantine_Source_Reference_Field" ON "Quarantine" ("Source", "Reference", "Field");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123212429_AddIngestQuarantine', '10.0.15');

COMMIT;

