BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123231443_AddDeprivationCoveringIndex'
)
BEGIN
    CREATE INDEX [IX_Patients_PracticeCode_LsoaCode_DateOfDeath] ON [Patients] ([PracticeCode], [LsoaCode], [DateOfDeath]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123231443_AddDeprivationCoveringIndex'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261123231443_AddDeprivationCoveringIndex', N'10.0.15');
END;

COMMIT;
GO

