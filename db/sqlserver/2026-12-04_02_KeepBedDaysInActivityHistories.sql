BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204211808_KeepBedDaysInActivityHistories'
)
BEGIN
    ALTER TABLE [ActivityHistories] ADD [BedDays] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204211808_KeepBedDaysInActivityHistories'
)
BEGIN
    TRUNCATE TABLE [ActivityHistories];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204211808_KeepBedDaysInActivityHistories'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261204211808_KeepBedDaysInActivityHistories', N'10.0.15');
END;

COMMIT;
GO

