using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Phm.Data.Postgres.Migrations
{
    /// <summary>
    /// Each model's partition of <c>RiskScores</c> gets its own index on tiers over the rows above the Low tier only, in place of
    /// the one over every row that <c>PartitionsIndexScoresWithoutModel</c> made: the rule and its reasons are
    /// <see cref="ScorePartitionIndexes"/>, which the writer of a model's new partition follows too. The default partition keeps
    /// the index the EF model declares. The EF model does not change; SQLite and SQL Server have an empty migration of the same name.
    /// </summary>
    public partial class PartitionsIndexTiersAboveLow : Migration
    {
        private const string Parent = "RiskScores";

        /// <summary>The partition <c>PartitionRiskScoresByModel</c> made for any model without one of its own.</summary>
        private const string DefaultPartition = "RiskScores_default";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => IndexModelsPartitions(migrationBuilder, overEveryTier: false);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => IndexModelsPartitions(migrationBuilder, overEveryTier: true);

        /// <summary>
        /// On each model's partition, its own index of each of <see cref="ScorePartitionIndexes"/>' indexes limited to the tiers
        /// above Low is dropped (found by its key columns: PostgreSQL named it after the table it was built on, which has been
        /// renamed since) and made again, over those tiers or over every tier.
        /// </summary>
        private void IndexModelsPartitions(MigrationBuilder migrationBuilder, bool overEveryTier)
        {
            var indexes = ScorePartitionIndexes.Declared(TargetModel).Where(index => index.IsAboveLowTierOnly).ToList();
            migrationBuilder.Sql($"""
                DO $indexes$
                DECLARE partition regclass;
                DECLARE own regclass;
                BEGIN
                    FOR partition IN SELECT i.inhrelid::regclass FROM pg_inherits i
                        WHERE i.inhparent = '"{Parent}"'::regclass AND i.inhrelid <> '"{DefaultPartition}"'::regclass LOOP
                {string.Join("\n", indexes.Select(index => Remade(index, overEveryTier)))}
                    END LOOP;
                END
                $indexes$;
                """);
        }

        private static string Remade(ScorePartitionIndexes.ScoreIndex index, bool overEveryTier)
        {
            var keyColumns = index.KeyColumns(ofOneModel: true).Select(column => $"'{column}'");
            return $"""
                        FOR own IN SELECT x.indexrelid::regclass FROM pg_index x
                            WHERE x.indrelid = partition AND NOT EXISTS (SELECT 1 FROM pg_inherits p WHERE p.inhrelid = x.indexrelid)
                            AND ARRAY(SELECT a.attname::text FROM unnest((x.indkey::int2[])[0:x.indnkeyatts - 1]) WITH ORDINALITY k(attnum, position)
                                JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum ORDER BY k.position) = ARRAY[{string.Join(", ", keyColumns)}] LOOP
                            EXECUTE format('DROP INDEX %s', own);
                        END LOOP;
                        EXECUTE format('{index.CreateOn("%s", ofOneModel: true, overEveryTier).Replace("'", "''", StringComparison.Ordinal)}', partition);
                """;
        }
    }
}
