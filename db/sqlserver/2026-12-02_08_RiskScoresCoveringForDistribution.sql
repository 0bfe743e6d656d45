BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202155825_RiskScoresCoveringForDistribution'
)
BEGIN
    CREATE INDEX [IX_RiskScores_Model_PatientId_Tier_Probability] ON [RiskScores] ([Model], [PatientId], [Tier], [Probability]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202155825_RiskScoresCoveringForDistribution'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202155825_RiskScoresCoveringForDistribution', N'10.0.15');
END;

COMMIT;
GO

