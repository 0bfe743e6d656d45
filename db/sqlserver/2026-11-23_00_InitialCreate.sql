IF OBJECT_ID(N'[__EFMigrationsHistory]') IS NULL
BEGIN
    CREATE TABLE [__EFMigrationsHistory] (
        [MigrationId] nvarchar(150) NOT NULL,
        [ProductVersion] nvarchar(32) NOT NULL,
        CONSTRAINT [PK___EFMigrationsHistory] PRIMARY KEY ([MigrationId])
    );
END;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123200657_InitialCreate'
)
BEGIN
    CREATE TABLE [Lsoas] (
        [Code] nvarchar(9) NOT NULL,
        [Name] nvarchar(100) NOT NULL,
        [LocalAuthorityCode] nvarchar(9) NOT NULL,
        [LocalAuthorityName] nvarchar(100) NOT NULL,
        [IsInLocalAuthority] bit NOT NULL,
        [ImdScore] float NOT NULL,
        [ImdScoreIsEstimated] bit NOT NULL,
        [ImdRank] int NOT NULL,
        [ImdDecile] int NOT NULL,
        [NationalQuintile] int NOT NULL,
        [LocalQuintile] int NULL,
        [Domains_BarriersToHousingAndServices] int NOT NULL,
        [Domains_Crime] int NOT NULL,
        [Domains_Education] int NOT NULL,
        [Domains_Employment] int NOT NULL,
        [Domains_Health] int NOT NULL,
        [Domains_Income] int NOT NULL,
        [Domains_LivingEnvironment] int NOT NULL,
        [Population_Aged0To15] int NOT NULL,
        [Population_Aged16To59] int NOT NULL,
        [Population_Aged60Plus] int NOT NULL,
        [Population_Total] int NOT NULL,
        CONSTRAINT [PK_Lsoas] PRIMARY KEY ([Code])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123200657_InitialCreate'
)
BEGIN
    CREATE TABLE [Manifest] (
        [Id] int NOT NULL,
        [GeneratorVersion] nvarchar(20) NOT NULL,
        [Seed] int NOT NULL,
        [Population] int NOT NULL,
        [LocalAuthorityCode] nvarchar(9) NOT NULL,
        [ReferenceDate] int NOT NULL,
        [BuiltAtUtc] datetimeoffset NOT NULL,
        CONSTRAINT [PK_Manifest] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123200657_InitialCreate'
)
BEGIN
    CREATE TABLE [Pcns] (
        [Code] nvarchar(10) NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        CONSTRAINT [PK_Pcns] PRIMARY KEY ([Code])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123200657_InitialCreate'
)
BEGIN
    CREATE TABLE [Practices] (
        [Code] nvarchar(10) NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [Postcode] nvarchar(10) NOT NULL,
        [ListSize] int NOT NULL,
        [Latitude] float NULL,
        [Longitude] float NULL,
        [PublishedImdScore] float NULL,
        CONSTRAINT [PK_Practices] PRIMARY KEY ([Code])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123200657_InitialCreate'
)
BEGIN
    CREATE TABLE [Patients] (
        [Id] int NOT NULL,
        [Pseudonym] nvarchar(64) NOT NULL,
        [PracticeCode] nvarchar(10) NOT NULL,
        [LsoaCode] nvarchar(9) NOT NULL,
        [BirthYear] int NOT NULL,
        [BirthMonth] int NOT NULL,
        [Sex] int NOT NULL,
        [EthnicGroup] int NOT NULL,
        [DateOfDeath] int NULL,
        CONSTRAINT [PK_Patients] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Patients_Lsoas_LsoaCode] FOREIGN KEY ([LsoaCode]) REFERENCES [Lsoas] ([Code]) ON DELETE CASCADE,
        CONSTRAINT [FK_Patients_Practices_PracticeCode] FOREIGN KEY ([PracticeCode]) REFERENCES [Practices] ([Code]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123200657_InitialCreate'
)
BEGIN
    CREATE TABLE [PcnMemberships] (
        [Id] int NOT NULL IDENTITY,
        [PracticeCode] nvarchar(10) NOT NULL,
        [PcnCode] nvarchar(10) NOT NULL,
        [ValidFrom] int NOT NULL,
        [ValidTo] int NULL,
        CONSTRAINT [PK_PcnMemberships] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_PcnMemberships_Pcns_PcnCode] FOREIGN KEY ([PcnCode]) REFERENCES [Pcns] ([Code]) ON DELETE CASCADE,
        CONSTRAINT [FK_PcnMemberships_Practices_PracticeCode] FOREIGN KEY ([PracticeCode]) REFERENCES [Practices] ([Code]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123200657_InitialCreate'
)
BEGIN
    CREATE TABLE [Activities] (
        [Id] bigint NOT NULL,
        [PatientId] int NOT NULL,
        [Kind] int NOT NULL,
        [Date] int NOT NULL,
        [LengthOfStayDays] int NULL,
        CONSTRAINT [PK_Activities] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Activities_Patients_PatientId] FOREIGN KEY ([PatientId]) REFERENCES [Patients] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123200657_InitialCreate'
)
BEGIN
    CREATE TABLE [CareFlags] (
        [Id] bigint NOT NULL,
        [PatientId] int NOT NULL,
        [Kind] int NOT NULL,
        [RecordedOn] int NOT NULL,
        CONSTRAINT [PK_CareFlags] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_CareFlags_Patients_PatientId] FOREIGN KEY ([PatientId]) REFERENCES [Patients] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123200657_InitialCreate'
)
BEGIN
    CREATE TABLE [Conditions] (
        [Id] bigint NOT NULL,
        [PatientId] int NOT NULL,
        [Register] int NOT NULL,
        [SnomedCode] nvarchar(18) NOT NULL,
        [OnsetDate] int NOT NULL,
        CONSTRAINT [PK_Conditions] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Conditions_Patients_PatientId] FOREIGN KEY ([PatientId]) REFERENCES [Patients] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123200657_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_Activities_PatientId_Kind_Date] ON [Activities] ([PatientId], [Kind], [Date]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123200657_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_CareFlags_PatientId_Kind] ON [CareFlags] ([PatientId], [Kind]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123200657_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_Conditions_PatientId_Register] ON [Conditions] ([PatientId], [Register]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123200657_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_Conditions_Register_PatientId] ON [Conditions] ([Register], [PatientId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123200657_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_Lsoas_LocalAuthorityCode_NationalQuintile] ON [Lsoas] ([LocalAuthorityCode], [NationalQuintile]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123200657_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_Patients_LsoaCode_Id] ON [Patients] ([LsoaCode], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123200657_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_Patients_PracticeCode_Id] ON [Patients] ([PracticeCode], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123200657_InitialCreate'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Patients_Pseudonym] ON [Patients] ([Pseudonym]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123200657_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_PcnMemberships_PcnCode_ValidFrom] ON [PcnMemberships] ([PcnCode], [ValidFrom]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123200657_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_PcnMemberships_PracticeCode] ON [PcnMemberships] ([PracticeCode]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123200657_InitialCreate'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261123200657_InitialCreate', N'10.0.15');
END;

COMMIT;
GO

