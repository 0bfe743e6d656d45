using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Phm.Data.Postgres.Migrations
{
    /// <summary>
    /// <c>RiskScores</c> keyed by patient, then model, with the tier and probability included, in place of the EF model's key on
    /// (model, patient) and of the two indexes it then serves for: the key and its reasons are <see cref="ScorePartitionIndexes"/>,
    /// which the writer of a model's new partition follows too. Every partition's key and indexes change with the parent's. The
    /// EF model does not change; SQLite and SQL Server have an empty migration of the same name.
    /// </summary>
    public partial class KeyRiskScoresByPatient : Migration
    {
        private const string Table = "RiskScores";
        private const string KeyName = "PK_RiskScores";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            var covered = ScorePartitionIndexes.Declared(TargetModel).Where(index => index.IsCoveredByKey).ToList();
            foreach (var index in covered)
                migrationBuilder.DropIndex(name: index.Name, table: Table);
            migrationBuilder.DropPrimaryKey(name: KeyName, table: Table);
            migrationBuilder.Sql($"ALTER TABLE \"{Table}\" ADD CONSTRAINT \"{KeyName}\" PRIMARY KEY {ScorePartitionIndexes.Key};");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(name: KeyName, table: Table);
            migrationBuilder.AddPrimaryKey(name: KeyName, table: Table, columns: ["Model", "PatientId"]);
            foreach (var index in ScorePartitionIndexes.Declared(TargetModel).Where(index => index.IsCoveredByKey))
                migrationBuilder.CreateIndex(name: index.Name, table: Table, columns: [.. index.Columns], unique: index.IsUnique);
        }
    }
}
