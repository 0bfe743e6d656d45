BEGIN TRANSACTION;
CREATE INDEX "IX_Patients_PracticeCode_LsoaCode_DateOfDeath" ON "Patients" ("PracticeCode", "LsoaCode", "DateOfDeath");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123231436_AddDeprivationCoveringIndex', '10.0.15');

COMMIT;

