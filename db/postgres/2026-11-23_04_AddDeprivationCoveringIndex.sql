START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123231440_AddDeprivationCoveringIndex') THEN
    CREATE INDEX "IX_Patients_PracticeCode_LsoaCode_DateOfDeath" ON "Patients" ("PracticeCode", "LsoaCode", "DateOfDeath");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123231440_AddDeprivationCoveringIndex') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261123231440_AddDeprivationCoveringIndex', '10.0.15');
    END IF;
END $EF$;
COMMIT;

