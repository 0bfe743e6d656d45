BEGIN TRANSACTION;
DROP INDEX "IX_Patients_PracticeCode_Pseudonym";

CREATE INDEX "IX_Patients_PracticeCode_Pseudonym_LsoaCode" ON "Patients" ("PracticeCode", "Pseudonym", "LsoaCode");

ANALYZE "IX_Patients_PracticeCode_Pseudonym_LsoaCode";

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261203225930_CoverPatientPagesLsoa', '10.0.15');

COMMIT;

