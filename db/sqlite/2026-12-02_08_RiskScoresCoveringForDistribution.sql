BEGIN TRANSACTION;
CREATE INDEX "IX_RiskScores_Model_PatientId_Tier_Probability" ON "RiskScores" ("Model", "PatientId", "Tier", "Probability");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261202155817_RiskScoresCoveringForDistribution', '10.0.15');

COMMIT;

