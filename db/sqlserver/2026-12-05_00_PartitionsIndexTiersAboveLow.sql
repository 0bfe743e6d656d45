BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261205084829_PartitionsIndexTiersAboveLow'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261205084829_PartitionsIndexTiersAboveLow', N'10.0.15');
END;

COMMIT;
GO

