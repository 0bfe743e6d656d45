START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203225940_CoverPatientPagesLsoa') THEN
    DROP INDEX "IX_Patients_PracticeCode_Pseudonym";
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203225940_CoverPatientPagesLsoa') THEN
    CREATE INDEX "IX_Patients_PracticeCode_Pseudonym_LsoaCode" ON "Patients" ("PracticeCode", "Pseudonym", "LsoaCode");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261203225940_CoverPatientPagesLsoa') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261203225940_CoverPatientPagesLsoa', '10.0.15');
    END IF;
END $EF$;
COMMIT;

