BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202190524_AddPatientSegments'
)
BEGIN
    CREATE TABLE [PatientSegments] (
        [PatientId] int NOT NULL,
        [Segment] int NOT NULL,
        CONSTRAINT [PK_PatientSegments] PRIMARY KEY ([PatientId]),
        CONSTRAINT [FK_PatientSegments_Patients_PatientId] FOREIGN KEY ([PatientId]) REFERENCES [Patients] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202190524_AddPatientSegments'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202190524_AddPatientSegments', N'10.0.15');
END;

COMMIT;
GO

