BEGIN TRANSACTION;
CREATE TABLE "ActivityHistories" (
    "PatientId" INTEGER NOT NULL,
    "Kind" INTEGER NOT NULL,
    "In3Months" INTEGER NOT NULL,
    "In6Months" INTEGER NOT NULL,
    "In12Months" INTEGER NOT NULL,
    "In24Months" INTEGER NOT NULL,
    "InHistory" INTEGER NOT NULL,
    "Last" INTEGER NOT NULL,
    CONSTRAINT "PK_ActivityHistories" PRIMARY KEY ("PatientId", "Kind"),
    CONSTRAINT "FK_ActivityHistories_Patients_PatientId" FOREIGN KEY ("PatientId") REFERENCES "Patients" ("Id") ON DELETE CASCADE
);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261204181745_KeepActivityHistories', '10.0.15');

COMMIT;

