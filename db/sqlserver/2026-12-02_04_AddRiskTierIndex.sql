BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202045005_AddRiskTierIndex'
)
BEGIN
    CREATE INDEX [IX_RiskScores_Model_Tier_PatientId] ON [RiskScores] ([Model], [Tier], [PatientId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202045005_AddRiskTierIndex'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202045005_AddRiskTierIndex', N'10.0.15');
END;

COMMIT;
GO

