BEGIN TRANSACTION;
CREATE TABLE "Prescriptions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Prescriptions" PRIMARY KEY,
    "PatientId" INTEGER NOT NULL,
    "DmdCode" TEXT NOT NULL,
    "IssuedOn" INTEGER NOT NULL,
    CONSTRAINT "FK_Prescriptions_Patients_PatientId" FOREIGN KEY ("PatientId") REFERENCES "Patients" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Procedures" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Procedures" PRIMARY KEY,
    "PatientId" INTEGER NOT NULL,
    "SnomedCode" TEXT NOT NULL,
    "PerformedOn" INTEGER NOT NULL,
    CONSTRAINT "FK_Procedures_Patients_PatientId" FOREIGN KEY ("PatientId") REFERENCES "Patients" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_Prescriptions_PatientId_IssuedOn" ON "Prescriptions" ("PatientId", "IssuedOn");

CREATE INDEX "IX_Procedures_PatientId_PerformedOn" ON "Procedures" ("PatientId", "PerformedOn");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123215419_AddPrescriptionsAndProcedures', '10.0.15');

COMMIT;

