BEGIN TRANSACTION;
CREATE TABLE "AuditEvents" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AuditEvents" PRIMARY KEY AUTOINCREMENT,
    "AtUtc" TEXT NOT NULL,
    "Subject" TEXT NOT NULL,
    "Role" TEXT NOT NULL,
    "PcnCode" TEXT NULL,
    "OperationName" TEXT NULL,
    "Field" TEXT NOT NULL,
    "QueryHash" TEXT NOT NULL,
    "PatientsReturned" INTEGER NOT NULL,
    "CohortId" INTEGER NULL
);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123203734_AddAuditEvents', '10.0.15');

COMMIT;

