BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201230801_IngestRecordIdentity'
)
BEGIN
    ALTER TABLE [IngestedRecords] ADD [ContentHash] bigint NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201230801_IngestRecordIdentity'
)
BEGIN
    ALTER TABLE [IngestedRecords] ADD [PatientId] int NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201230801_IngestRecordIdentity'
)
BEGIN
    ALTER TABLE [IngestedRecords] ADD [RowId] bigint NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201230801_IngestRecordIdentity'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201230801_IngestRecordIdentity', N'10.0.15');
END;

COMMIT;
GO

