BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123203742_AddAuditEvents'
)
BEGIN
    CREATE TABLE [AuditEvents] (
        [Id] bigint NOT NULL IDENTITY,
        [AtUtc] datetimeoffset NOT NULL,
        [Subject] nvarchar(200) NOT NULL,
        [Role] nvarchar(20) NOT NULL,
        [PcnCode] nvarchar(10) NULL,
        [OperationName] nvarchar(200) NULL,
        [Field] nvarchar(100) NOT NULL,
        [QueryHash] nchar(64) NOT NULL,
        [PatientsReturned] int NOT NULL,
        [CohortId] int NULL,
        CONSTRAINT [PK_AuditEvents] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123203742_AddAuditEvents'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261123203742_AddAuditEvents', N'10.0.15');
END;

COMMIT;
GO

