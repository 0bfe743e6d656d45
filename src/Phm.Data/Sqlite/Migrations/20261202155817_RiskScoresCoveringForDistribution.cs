using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Phm.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RiskScoresCoveringForDistribution : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_RiskScores_Model_PatientId_Tier_Probability",
                table: "RiskScores",
                columns: new[] { "Model", "PatientId", "Tier", "Probability" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RiskScores_Model_PatientId_Tier_Probability",
                table: "RiskScores");
        }
    }
}
