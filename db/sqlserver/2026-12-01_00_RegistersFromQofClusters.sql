BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201231035_RegistersFromQofClusters'
)
BEGIN
    ALTER TABLE [Conditions] ADD [CodeList] nvarchar(20) NOT NULL DEFAULT N'registers.v1';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201231035_RegistersFromQofClusters'
)
BEGIN
    ALTER TABLE [Conditions] ADD [Kind] int NOT NULL DEFAULT 1;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201231035_RegistersFromQofClusters'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201231035_RegistersFromQofClusters', N'10.0.15');
END;

COMMIT;
GO

