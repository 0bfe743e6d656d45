using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Phm.Data.Sqlite.Migrations
{
    /// <summary>
    /// Empty: the partitions of <c>RiskScores</c>, whose indexes the migration of this name on PostgreSQL changes, are PostgreSQL's
    /// only; this provider keeps one table with the indexes the EF model declares.
    /// </summary>
    public partial class PartitionsIndexScoresWithoutModel : Migration
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
