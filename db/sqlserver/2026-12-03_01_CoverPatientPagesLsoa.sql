BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203225949_CoverPatientPagesLsoa'
)
BEGIN
    DROP INDEX [IX_Patients_PracticeCode_Pseudonym] ON [Patients];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203225949_CoverPatientPagesLsoa'
)
BEGIN
    CREATE INDEX [IX_Patients_PracticeCode_Pseudonym_LsoaCode] ON [Patients] ([PracticeCode], [Pseudonym], [LsoaCode]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203225949_CoverPatientPagesLsoa'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261203225949_CoverPatientPagesLsoa', N'10.0.15');
END;

COMMIT;
GO

