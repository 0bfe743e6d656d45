BEGIN TRANSACTION;
CREATE TABLE "RegistersHeld" (
    "PatientId" INTEGER NOT NULL,
    "Register" INTEGER NOT NULL,
    CONSTRAINT "PK_RegistersHeld" PRIMARY KEY ("PatientId", "Register"),
    CONSTRAINT "FK_RegistersHeld_Patients_PatientId" FOREIGN KEY ("PatientId") REFERENCES "Patients" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_Activities_Kind_Date_PatientId" ON "Activities" ("Kind", "Date", "PatientId");

CREATE INDEX "IX_RegistersHeld_Register_PatientId" ON "RegistersHeld" ("Register", "PatientId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261202074311_AddRegistersHeldAndActivityWindowIndex', '10.0.15');

COMMIT;

