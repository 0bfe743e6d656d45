BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123212435_AddIngestQuarantine'
)
BEGIN
    CREATE TABLE [IngestedRecords] (
        [Key] nvarchar(100) NOT NULL,
        CONSTRAINT [PK_IngestedRecords] PRIMARY KEY ([Key])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123212435_AddIngestQuarantine'
)
BEGIN
    CREATE TABLE [Quarantine] (
        [Id] bigint NOT NULL IDENTITY,
        [Source] nvarchar(260) NOT NULL,
        [Reference] nvarchar(100) NOT NULL,
        [Field] nvarchar(100) NOT NULL,
        [Reason] nvarchar(400) NOT NULL,
        [QuarantinedAtUtc] datetimeoffset NOT NULL,
        CONSTRAINT [PK_Quarantine] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123212435_AddIngestQuarantine'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Quarantine_Source_Reference_Field] ON [Quarantine] ([Source], [Reference], [Field]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123212435_AddIngestQuarantine'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261123212435_AddIngestQuarantine', N'10.0.15');
END;

COMMIT;
GO

