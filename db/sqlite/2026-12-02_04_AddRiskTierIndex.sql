BEGIN TRANSACTION;
CREATE INDEX "IX_RiskScores_Model_Tier_PatientId" ON "RiskScores" ("Model", "Tier", "PatientId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261202044928_AddRiskTierIndex', '10.0.15');

COMMIT;

