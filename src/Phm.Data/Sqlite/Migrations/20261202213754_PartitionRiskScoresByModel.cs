using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Phm.Data.Sqlite.Migrations
{
    /// <summary>
    /// Empty: <c>RiskScores</c> is partitioned by model on PostgreSQL only (its migration of this name); this provider keeps one
    /// table, whose scores are replaced in place.
    /// </summary>
    public partial class PartitionRiskScoresByModel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
