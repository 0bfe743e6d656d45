START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204153454_PartitionsIndexScoresWithoutModel') THEN
    DROP INDEX "IX_RiskScores_Model_Rank";
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204153454_PartitionsIndexScoresWithoutModel') THEN
    DROP INDEX "IX_RiskScores_Model_Tier_PatientId";
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204153454_PartitionsIndexScoresWithoutModel') THEN
    CREATE UNIQUE INDEX ON "RiskScores_default" ("Model", "Rank");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204153454_PartitionsIndexScoresWithoutModel') THEN
    CREATE INDEX ON "RiskScores_default" ("Model", "Tier", "PatientId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204153454_PartitionsIndexScoresWithoutModel') THEN
    DO $indexes$
    DECLARE partition regclass;
    BEGIN
        FOR partition IN SELECT i.inhrelid::regclass FROM pg_inherits i
            WHERE i.inhparent = '"RiskScores"'::regclass AND i.inhrelid <> '"RiskScores_default"'::regclass LOOP
            EXECUTE format('CREATE UNIQUE INDEX ON %s ("Rank")', partition);
            EXECUTE format('CREATE INDEX ON %s ("Tier", "PatientId") INCLUDE ("Model")', partition);
        END LOOP;
    END
    $indexes$;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204153454_PartitionsIndexScoresWithoutModel') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261204153454_PartitionsIndexScoresWithoutModel', '10.0.15');
    END IF;
END $EF$;
COMMIT;

