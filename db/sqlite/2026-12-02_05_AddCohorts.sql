BEGIN TRANSACTION;
CREATE TABLE "CohortDefinitions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CohortDefinitions" PRIMARY KEY AUTOINCREMENT,
    "Key" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    "Description" TEXT NULL,
    "Owner" TEXT NOT NULL,
    "AuthoredBy" TEXT NOT NULL,
    "PcnCode" TEXT NULL,
    "CriteriaJson" TEXT NOT NULL,
    "ParametersJson" TEXT NULL,
    "IsBuiltIn" INTEGER NOT NULL,
    "CreatedAtUtc" TEXT NOT NULL,
    "RetiredAtUtc" TEXT NULL
);

CREATE TABLE "CohortSnapshots" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CohortSnapshots" PRIMARY KEY AUTOINCREMENT,
    "DefinitionId" INTEGER NOT NULL,
    "CohortKey" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "EvaluatedAtUtc" TEXT NOT NULL,
    "ReferenceDate" INTEGER NOT NULL,
    "Count" INTEGER NOT NULL,
    "EvaluatedBy" TEXT NOT NULL,
    CONSTRAINT "FK_CohortSnapshots_CohortDefinitions_DefinitionId" FOREIGN KEY ("DefinitionId") REFERENCES "CohortDefinitions" ("Id") ON DELETE CASCADE
);

CREATE TABLE "CohortSnapshotMembers" (
    "SnapshotId" INTEGER NOT NULL,
    "PatientId" INTEGER NOT NULL,
    CONSTRAINT "PK_CohortSnapshotMembers" PRIMARY KEY ("SnapshotId", "PatientId"),
    CONSTRAINT "FK_CohortSnapshotMembers_CohortSnapshots_SnapshotId" FOREIGN KEY ("SnapshotId") REFERENCES "CohortSnapshots" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_CohortSnapshotMembers_Patients_PatientId" FOREIGN KEY ("PatientId") REFERENCES "Patients" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_CohortDefinitions_Key_Version" ON "CohortDefinitions" ("Key", "Version");

CREATE INDEX "IX_CohortDefinitions_PcnCode" ON "CohortDefinitions" ("PcnCode");

CREATE INDEX "IX_CohortSnapshotMembers_PatientId" ON "CohortSnapshotMembers" ("PatientId");

CREATE INDEX "IX_CohortSnapshots_CohortKey_Id" ON "CohortSnapshots" ("CohortKey", "Id");

CREATE INDEX "IX_CohortSnapshots_DefinitionId" ON "CohortSnapshots" ("DefinitionId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261202061328_AddCohorts', '10.0.15');

COMMIT;

