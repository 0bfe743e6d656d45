BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203162153_AddKeptCells'
)
BEGIN
    CREATE TABLE [PopulationCells] (
        [PracticeCode] nvarchar(10) NOT NULL,
        [LsoaCode] nvarchar(9) NOT NULL,
        [Patients] int NOT NULL,
        [RecordKeySum] bigint NOT NULL,
        CONSTRAINT [PK_PopulationCells] PRIMARY KEY ([PracticeCode], [LsoaCode])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203162153_AddKeptCells'
)
BEGIN
    CREATE TABLE [RiskScoreCells] (
        [Model] nvarchar(64) NOT NULL,
        [PracticeCode] nvarchar(10) NOT NULL,
        [LsoaCode] nvarchar(9) NOT NULL,
        [Tier] int NOT NULL,
        [Patients] int NOT NULL,
        [RecordKeySum] bigint NOT NULL,
        [ProbabilitySum] float NOT NULL,
        CONSTRAINT [PK_RiskScoreCells] PRIMARY KEY ([Model], [PracticeCode], [LsoaCode], [Tier])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203162153_AddKeptCells'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261203162153_AddKeptCells', N'10.0.15');
END;

COMMIT;
GO

