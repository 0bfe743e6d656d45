BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202001039_RegistersFromQofClusters'
)
BEGIN
    DROP INDEX [IX_Conditions_Register_PatientId] ON [Conditions];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202001039_RegistersFromQofClusters'
)
BEGIN
    ALTER TABLE [Conditions] ADD [CodeList] nvarchar(20) NOT NULL DEFAULT N'registers.v1';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202001039_RegistersFromQofClusters'
)
BEGIN
    ALTER TABLE [Conditions] ADD [Kind] int NOT NULL DEFAULT 1;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202001039_RegistersFromQofClusters'
)
BEGIN
    CREATE INDEX [IX_Conditions_Register_Kind_PatientId_OnsetDate] ON [Conditions] ([Register], [Kind], [PatientId], [OnsetDate]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202001039_RegistersFromQofClusters'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202001039_RegistersFromQofClusters', N'10.0.15');
END;

COMMIT;
GO

