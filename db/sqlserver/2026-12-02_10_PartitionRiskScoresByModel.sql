BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202213828_PartitionRiskScoresByModel'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202213828_PartitionRiskScoresByModel', N'10.0.15');
END;

COMMIT;
GO

