using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Phm.Data.Postgres.Migrations
{
    /// <summary>
    /// The partitions of <c>RiskScores</c> get their own indexes on rank and on tier, without the model (constant in a model's
    /// partition), in place of the parent's led by it: the rule and its reasons are <see cref="ScorePartitionIndexes"/>, which the
    /// writer of a model's new partition follows too. The EF model does not change; SQLite and SQL Server have an empty migration
    /// of the same name.
    /// </summary>
    public partial class PartitionsIndexScoresWithoutModel : Migration
    {
        private const string Parent = "RiskScores";

        /// <summary>The partition <c>PartitionRiskScoresByModel</c> made for any model without one of its own.</summary>
        private const string DefaultPartition = "RiskScores_default";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            var indexes = ScorePartitionIndexes.Declared(TargetModel).Where(index => index.IsPartitionsOwn).ToList();
            foreach (var index in indexes)
                migrationBuilder.DropIndex(name: index.Name, table: Parent);
            foreach (var index in indexes)
                migrationBuilder.Sql(index.CreateOn($"\"{DefaultPartition}\"", ofOneModel: false) + ";");
            migrationBuilder.Sql($"""
                DO $indexes$
                DECLARE partition regclass;
                BEGIN
                    FOR partition IN SELECT i.inhrelid::regclass FROM pg_inherits i
                        WHERE i.inhparent = '"{Parent}"'::regclass AND i.inhrelid <> '"{DefaultPartition}"'::regclass LOOP
                {string.Join("\n", indexes.Select(index => $"        EXECUTE format('{index.CreateOn("%s", ofOneModel: true, overEveryTier: true).Replace("'", "''", StringComparison.Ordinal)}', partition);"))}
                    END LOOP;
                END
                $indexes$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Every partition's index that is not one of a partitioned index of the parent's is a partition's own.
            migrationBuilder.Sql($"""
                DO $indexes$
                DECLARE own regclass;
                BEGIN
                    FOR own IN SELECT x.indexrelid::regclass FROM pg_inherits i JOIN pg_index x ON x.indrelid = i.inhrelid
                        WHERE i.inhparent = '"{Parent}"'::regclass AND NOT EXISTS (SELECT 1 FROM pg_inherits p WHERE p.inhrelid = x.indexrelid) LOOP
                        EXECUTE format('DROP INDEX %s', own);
                    END LOOP;
                END
                $indexes$;
                """);
            foreach (var index in ScorePartitionIndexes.Declared(TargetModel).Where(index => index.IsPartitionsOwn))
                migrationBuilder.CreateIndex(name: index.Name, table: Parent, columns: [.. index.Columns], unique: index.IsUnique);
        }
    }
}
