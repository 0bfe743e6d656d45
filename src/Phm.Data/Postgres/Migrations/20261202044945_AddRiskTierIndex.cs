using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Phm.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AddRiskTierIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_RiskScores_Model_Tier_PatientId",
                table: "RiskScores",
                columns: new[] { "Model", "Tier", "PatientId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RiskScores_Model_Tier_PatientId",
                table: "RiskScores");
        }
    }
}
