BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202074407_AddRegistersHeldAndActivityWindowIndex'
)
BEGIN
    CREATE TABLE [RegistersHeld] (
        [PatientId] int NOT NULL,
        [Register] int NOT NULL,
        CONSTRAINT [PK_RegistersHeld] PRIMARY KEY ([PatientId], [Register]),
        CONSTRAINT [FK_RegistersHeld_Patients_PatientId] FOREIGN KEY ([PatientId]) REFERENCES [Patients] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202074407_AddRegistersHeldAndActivityWindowIndex'
)
BEGIN
    CREATE INDEX [IX_Activities_Kind_Date_PatientId] ON [Activities] ([Kind], [Date], [PatientId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202074407_AddRegistersHeldAndActivityWindowIndex'
)
BEGIN
    CREATE INDEX [IX_RegistersHeld_Register_PatientId] ON [RegistersHeld] ([Register], [PatientId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202074407_AddRegistersHeldAndActivityWindowIndex'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202074407_AddRegistersHeldAndActivityWindowIndex', N'10.0.15');
END;

COMMIT;
GO

