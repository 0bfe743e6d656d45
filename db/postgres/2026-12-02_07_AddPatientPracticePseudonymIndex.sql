START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202144859_AddPatientPracticePseudonymIndex') THEN
    CREATE INDEX "IX_Patients_PracticeCode_Pseudonym" ON "Patients" ("PracticeCode", "Pseudonym");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261202144859_AddPatientPracticePseudonymIndex') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261202144859_AddPatientPracticePseudonymIndex', '10.0.15');
    END IF;
END $EF$;
COMMIT;

