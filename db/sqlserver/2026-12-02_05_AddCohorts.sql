BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202061339_AddCohorts'
)
BEGIN
    CREATE TABLE [CohortDefinitions] (
        [Id] int NOT NULL IDENTITY,
        [Key] nvarchar(80) NOT NULL,
        [Version] int NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [Description] nvarchar(2000) NULL,
        [Owner] nvarchar(200) NOT NULL,
        [AuthoredBy] nvarchar(200) NOT NULL,
        [PcnCode] nvarchar(10) NULL,
        [CriteriaJson] nvarchar(max) NOT NULL,
        [ParametersJson] nvarchar(max) NULL,
        [IsBuiltIn] bit NOT NULL,
        [CreatedAtUtc] datetimeoffset NOT NULL,
        [RetiredAtUtc] datetimeoffset NULL,
        CONSTRAINT [PK_CohortDefinitions] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202061339_AddCohorts'
)
BEGIN
    CREATE TABLE [CohortSnapshots] (
        [Id] bigint NOT NULL IDENTITY,
        [DefinitionId] int NOT NULL,
        [CohortKey] nvarchar(80) NOT NULL,
        [Version] int NOT NULL,
        [EvaluatedAtUtc] datetimeoffset NOT NULL,
        [ReferenceDate] int NOT NULL,
        [Count] int NOT NULL,
        [EvaluatedBy] nvarchar(200) NOT NULL,
        CONSTRAINT [PK_CohortSnapshots] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_CohortSnapshots_CohortDefinitions_DefinitionId] FOREIGN KEY ([DefinitionId]) REFERENCES [CohortDefinitions] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202061339_AddCohorts'
)
BEGIN
    CREATE TABLE [CohortSnapshotMembers] (
        [SnapshotId] bigint NOT NULL,
        [PatientId] int NOT NULL,
        CONSTRAINT [PK_CohortSnapshotMembers] PRIMARY KEY ([SnapshotId], [PatientId]),
        CONSTRAINT [FK_CohortSnapshotMembers_CohortSnapshots_SnapshotId] FOREIGN KEY ([SnapshotId]) REFERENCES [CohortSnapshots] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_CohortSnapshotMembers_Patients_PatientId] FOREIGN KEY ([PatientId]) REFERENCES [Patients] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202061339_AddCohorts'
)
BEGIN
    CREATE UNIQUE INDEX [IX_CohortDefinitions_Key_Version] ON [CohortDefinitions] ([Key], [Version]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202061339_AddCohorts'
)
BEGIN
    CREATE INDEX [IX_CohortDefinitions_PcnCode] ON [CohortDefinitions] ([PcnCode]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202061339_AddCohorts'
)
BEGIN
    CREATE INDEX [IX_CohortSnapshotMembers_PatientId] ON [CohortSnapshotMembers] ([PatientId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202061339_AddCohorts'
)
BEGIN
    CREATE INDEX [IX_CohortSnapshots_CohortKey_Id] ON [CohortSnapshots] ([CohortKey], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202061339_AddCohorts'
)
BEGIN
    CREATE INDEX [IX_CohortSnapshots_DefinitionId] ON [CohortSnapshots] ([DefinitionId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202061339_AddCohorts'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202061339_AddCohorts', N'10.0.15');
END;

COMMIT;
GO

