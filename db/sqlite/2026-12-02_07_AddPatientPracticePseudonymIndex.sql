BEGIN TRANSACTION;
CREATE INDEX "IX_Patients_PracticeCode_Pseudonym" ON "Patients" ("PracticeCode", "Pseudonym");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261202144840_AddPatientPracticePseudonymIndex', '10.0.15');

COMMIT;

