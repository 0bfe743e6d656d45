using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Phm.Data.Sqlite.Migrations
{
    /// <summary>
    /// Empty: the key of <c>RiskScores</c> that the migration of this name changes on PostgreSQL, to stand for two of its indexes,
    /// is PostgreSQL's only; this provider keeps the key and indexes the EF model declares.
    /// </summary>
    public partial class KeyRiskScoresByPatient : Migration
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
