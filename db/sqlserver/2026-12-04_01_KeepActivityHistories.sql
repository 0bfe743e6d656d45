BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204181750_KeepActivityHistories'
)
BEGIN
    CREATE TABLE [ActivityHistories] (
        [PatientId] int NOT NULL,
        [Kind] int NOT NULL,
        [In3Months] int NOT NULL,
        [In6Months] int NOT NULL,
        [In12Months] int NOT NULL,
        [In24Months] int NOT NULL,
        [InHistory] int NOT NULL,
        [Last] int NOT NULL,
        CONSTRAINT [PK_ActivityHistories] PRIMARY KEY ([PatientId], [Kind]),
        CONSTRAINT [FK_ActivityHistories_Patients_PatientId] FOREIGN KEY ([PatientId]) REFERENCES [Patients] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204181750_KeepActivityHistories'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261204181750_KeepActivityHistories', N'10.0.15');
END;

COMMIT;
GO

