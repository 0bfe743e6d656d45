BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202043039_AddActivityPrimaryDiagnosis'
)
BEGIN
    ALTER TABLE [Activities] ADD [AmbulatoryCareSensitive] bit NOT NULL DEFAULT CAST(0 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202043039_AddActivityPrimaryDiagnosis'
)
BEGIN
    ALTER TABLE [Activities] ADD [PrimaryDiagnosis] nvarchar(6) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202043039_AddActivityPrimaryDiagnosis'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202043039_AddActivityPrimaryDiagnosis', N'10.0.15');
END;

COMMIT;
GO

