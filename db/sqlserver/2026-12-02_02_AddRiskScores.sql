BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202012755_AddRiskScores'
)
BEGIN
    CREATE TABLE [ScoredModels] (
        [Name] nvarchar(64) NOT NULL,
        [Version] nvarchar(32) NOT NULL,
        [Outcome] nvarchar(200) NOT NULL,
        [Learner] nvarchar(32) NOT NULL,
        [FeatureSchemaHash] nvarchar(16) NOT NULL,
        [TrainedAtUtc] datetimeoffset NOT NULL,
        [TrainedOn] int NOT NULL,
        [EvaluatedOn] int NOT NULL,
        [ScoredOn] int NOT NULL,
        [ScoredAtUtc] datetimeoffset NOT NULL,
        [PatientsScored] int NOT NULL,
        [Auroc] float NOT NULL,
        [AurocLower] float NOT NULL,
        [AurocUpper] float NOT NULL,
        [Auprc] float NOT NULL,
        [Brier] float NOT NULL,
        [CalibrationSlope] float NOT NULL,
        [CalibrationIntercept] float NOT NULL,
        [OracleAuroc] float NULL,
        [OracleBrier] float NULL,
        CONSTRAINT [PK_ScoredModels] PRIMARY KEY ([Name])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202012755_AddRiskScores'
)
BEGIN
    CREATE TABLE [RiskScores] (
        [Model] nvarchar(64) NOT NULL,
        [PatientId] int NOT NULL,
        [ModelVersion] nvarchar(32) NOT NULL,
        [Probability] float NOT NULL,
        [Rank] int NOT NULL,
        [Percentile] float NOT NULL,
        [Tier] int NOT NULL,
        [Contributions] nvarchar(2000) NOT NULL,
        CONSTRAINT [PK_RiskScores] PRIMARY KEY ([Model], [PatientId]),
        CONSTRAINT [FK_RiskScores_Patients_PatientId] FOREIGN KEY ([PatientId]) REFERENCES [Patients] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_RiskScores_ScoredModels_Model] FOREIGN KEY ([Model]) REFERENCES [ScoredModels] ([Name]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202012755_AddRiskScores'
)
BEGIN
    CREATE UNIQUE INDEX [IX_RiskScores_Model_Rank] ON [RiskScores] ([Model], [Rank]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202012755_AddRiskScores'
)
BEGIN
    CREATE INDEX [IX_RiskScores_PatientId] ON [RiskScores] ([PatientId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202012755_AddRiskScores'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202012755_AddRiskScores', N'10.0.15');
END;

COMMIT;
GO

