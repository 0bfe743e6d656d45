START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261205084824_PartitionsIndexTiersAboveLow') THEN
    DO $indexes$
    DECLARE partition regclass;
    DECLARE own regclass;
    BEGIN
        FOR partition IN SELECT i.inhrelid::regclass FROM pg_inherits i
            WHERE i.inhparent = '"RiskScores"'::regclass AND i.inhrelid <> '"RiskScores_default"'::regclass LOOP
            FOR own IN SELECT x.indexrelid::regclass FROM pg_index x
                WHERE x.indrelid = partition AND NOT EXISTS (SELECT 1 FROM pg_inherits p WHERE p.inhrelid = x.indexrelid)
                AND ARRAY(SELECT a.attname::text FROM unnest((x.indkey::int2[])[0:x.indnkeyatts - 1]) WITH ORDINALITY k(attnum, position)
                    JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum ORDER BY k.position) = ARRAY['Tier', 'PatientId'] LOOP
                EXECUTE format('DROP INDEX %s', own);
            END LOOP;
            EXECUTE format('CREATE INDEX ON %s ("Tier", "PatientId") INCLUDE ("Model") WHERE "Tier" < 4', partition);
        END LOOP;
    END
    $indexes$;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261205084824_PartitionsIndexTiersAboveLow') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261205084824_PartitionsIndexTiersAboveLow', '10.0.15');
    END IF;
END $EF$;
COMMIT;

