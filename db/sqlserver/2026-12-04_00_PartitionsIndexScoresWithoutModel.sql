BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204153456_PartitionsIndexScoresWithoutModel'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261204153456_PartitionsIndexScoresWithoutModel', N'10.0.15');
END;

COMMIT;
GO

