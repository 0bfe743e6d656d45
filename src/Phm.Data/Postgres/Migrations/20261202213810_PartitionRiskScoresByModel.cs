using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Phm.Data.Postgres.Migrations
{
    /// <summary>
    /// <c>RiskScores</c> list-partitioned by model, a partition per scored model and a default one for any other, so that a model's
    /// scores are replaced by swapping its partition (<c>PostgresScorePartitions</c>). The same columns, key, indexes and foreign
    /// keys, on the partitioned table; the rows are moved. SQLite and SQL Server have an empty migration of the same name.
    /// </summary>
    public partial class PartitionRiskScoresByModel : Migration
    {
        private const string Columns = """
            "Model" character varying(64) NOT NULL, "PatientId" integer NOT NULL, "ModelVersion" character varying(32) NOT NULL,
            "Probability" double precision NOT NULL, "Rank" integer NOT NULL, "Percentile" double precision NOT NULL, "Tier" integer NOT NULL,
            "Contributions" character varying(2000) NOT NULL
            """;

        private const string ColumnNames = """
            "Model", "PatientId", "ModelVersion", "Probability", "Rank", "Percentile", "Tier", "Contributions"
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            DropKeysAndIndexes(migrationBuilder, "RiskScores_unpartitioned");
            migrationBuilder.Sql($"""
                CREATE TABLE "RiskScores" ({Columns}) PARTITION BY LIST ("Model");
                CREATE TABLE "RiskScores_default" PARTITION OF "RiskScores" DEFAULT;
                DO $partitions$
                DECLARE model text;
                BEGIN
                    FOR model IN SELECT "Name" FROM "ScoredModels" LOOP
                        EXECUTE format('CREATE TABLE %I PARTITION OF "RiskScores" FOR VALUES IN (%L)', 'RiskScores_' || model, model);
                    END LOOP;
                END
                $partitions$;
                INSERT INTO "RiskScores" ({ColumnNames}) SELECT {ColumnNames} FROM "RiskScores_unpartitioned";
                DROP TABLE "RiskScores_unpartitioned";
                """);
            AddKeysAndIndexes(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            DropKeysAndIndexes(migrationBuilder, "RiskScores_partitioned");
            migrationBuilder.Sql($"""
                CREATE TABLE "RiskScores" ({Columns});
                INSERT INTO "RiskScores" ({ColumnNames}) SELECT {ColumnNames} FROM "RiskScores_partitioned";
                DROP TABLE "RiskScores_partitioned";
                """);
            AddKeysAndIndexes(migrationBuilder);
        }

        /// <summary>Sets the table aside under another name, without the key and indexes whose names the new table takes.</summary>
        private static void DropKeysAndIndexes(MigrationBuilder migrationBuilder, string newName)
        {
            migrationBuilder.DropPrimaryKey(name: "PK_RiskScores", table: "RiskScores");
            foreach (var index in new[] { "IX_RiskScores_Model_Rank", "IX_RiskScores_Model_Tier_PatientId", "IX_RiskScores_Model_PatientId_Tier_Probability", "IX_RiskScores_PatientId" })
                migrationBuilder.DropIndex(name: index, table: "RiskScores");
            migrationBuilder.RenameTable(name: "RiskScores", newName: newName);
        }

        private static void AddKeysAndIndexes(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddPrimaryKey(name: "PK_RiskScores", table: "RiskScores", columns: ["Model", "PatientId"]);
            migrationBuilder.AddForeignKey(name: "FK_RiskScores_Patients_PatientId", table: "RiskScores", column: "PatientId",
                principalTable: "Patients", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            migrationBuilder.AddForeignKey(name: "FK_RiskScores_ScoredModels_Model", table: "RiskScores", column: "Model",
                principalTable: "ScoredModels", principalColumn: "Name", onDelete: ReferentialAction.Cascade);
            migrationBuilder.CreateIndex(name: "IX_RiskScores_Model_Rank", table: "RiskScores", columns: ["Model", "Rank"], unique: true);
            migrationBuilder.CreateIndex(name: "IX_RiskScores_Model_Tier_PatientId", table: "RiskScores", columns: ["Model", "Tier", "PatientId"]);
            migrationBuilder.CreateIndex(name: "IX_RiskScores_Model_PatientId_Tier_Probability", table: "RiskScores", columns: ["Model", "PatientId", "Tier", "Probability"]);
            migrationBuilder.CreateIndex(name: "IX_RiskScores_PatientId", table: "RiskScores", column: "PatientId");
        }
    }
}
