BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202144917_AddPatientPracticePseudonymIndex'
)
BEGIN
    CREATE INDEX [IX_Patients_PracticeCode_Pseudonym] ON [Patients] ([PracticeCode], [Pseudonym]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202144917_AddPatientPracticePseudonymIndex'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202144917_AddPatientPracticePseudonymIndex', N'10.0.15');
END;

COMMIT;
GO

