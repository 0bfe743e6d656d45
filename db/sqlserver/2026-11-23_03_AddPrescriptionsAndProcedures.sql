BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123215427_AddPrescriptionsAndProcedures'
)
BEGIN
    CREATE TABLE [Prescriptions] (
        [Id] bigint NOT NULL,
        [PatientId] int NOT NULL,
        [DmdCode] nvarchar(18) NOT NULL,
        [IssuedOn] int NOT NULL,
        CONSTRAINT [PK_Prescriptions] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Prescriptions_Patients_PatientId] FOREIGN KEY ([PatientId]) REFERENCES [Patients] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123215427_AddPrescriptionsAndProcedures'
)
BEGIN
    CREATE TABLE [Procedures] (
        [Id] bigint NOT NULL,
        [PatientId] int NOT NULL,
        [SnomedCode] nvarchar(18) NOT NULL,
        [PerformedOn] int NOT NULL,
        CONSTRAINT [PK_Procedures] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Procedures_Patients_PatientId] FOREIGN KEY ([PatientId]) REFERENCES [Patients] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123215427_AddPrescriptionsAndProcedures'
)
BEGIN
    CREATE INDEX [IX_Prescriptions_PatientId_IssuedOn] ON [Prescriptions] ([PatientId], [IssuedOn]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123215427_AddPrescriptionsAndProcedures'
)
BEGIN
    CREATE INDEX [IX_Procedures_PatientId_PerformedOn] ON [Procedures] ([PatientId], [PerformedOn]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123215427_AddPrescriptionsAndProcedures'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261123215427_AddPrescriptionsAndProcedures', N'10.0.15');
END;

COMMIT;
GO

