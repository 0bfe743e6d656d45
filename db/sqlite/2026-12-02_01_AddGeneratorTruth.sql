BEGIN TRANSACTION;
CREATE TABLE "GeneratorTruth" (
    "PatientId" INTEGER NOT NULL CONSTRAINT "PK_GeneratorTruth" PRIMARY KEY,
    "DeathHazardPerYear" REAL NOT NULL,
    "GpAppointmentsPerYear" REAL NOT NULL,
    "Nhs111CallsPerYear" REAL NOT NULL,
    "AmbulanceCallsPerYear" REAL NOT NULL,
    "AeAttendancesPerYear" REAL NOT NULL,
    "EmergencyAdmissionsPerYear" REAL NOT NULL,
    "ElectiveAdmissionsPerYear" REAL NOT NULL,
    "OutpatientAttendancesPerYear" REAL NOT NULL,
    "CommunityContactsPerYear" REAL NOT NULL,
    "SocialCareContactsPerYear" REAL NOT NULL,
    CONSTRAINT "FK_GeneratorTruth_Patients_PatientId" FOREIGN KEY ("PatientId") REFERENCES "Patients" ("Id") ON DELETE CASCADE
);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261202003629_AddGeneratorTruth', '10.0.15');

COMMIT;

