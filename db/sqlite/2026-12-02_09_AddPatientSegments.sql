BEGIN TRANSACTION;
CREATE TABLE "PatientSegments" (
    "PatientId" INTEGER NOT NULL CONSTRAINT "PK_PatientSegments" PRIMARY KEY,
    "Segment" INTEGER NOT NULL,
    CONSTRAINT "FK_PatientSegments_Patients_PatientId" FOREIGN KEY ("PatientId") REFERENCES "Patients" ("Id") ON DELETE CASCADE
);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261202190510_AddPatientSegments', '10.0.15');

COMMIT;

