using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Phm.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddKeptCells : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PopulationCells",
                columns: table => new
                {
                    PracticeCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    LsoaCode = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    Patients = table.Column<int>(type: "INTEGER", nullable: false),
                    RecordKeySum = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PopulationCells", x => new { x.PracticeCode, x.LsoaCode });
                });

            migrationBuilder.CreateTable(
                name: "RiskScoreCells",
                columns: table => new
                {
                    Model = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PracticeCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    LsoaCode = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    Tier = table.Column<int>(type: "INTEGER", nullable: false),
                    Patients = table.Column<int>(type: "INTEGER", nullable: false),
                    RecordKeySum = table.Column<long>(type: "INTEGER", nullable: false),
                    ProbabilitySum = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RiskScoreCells", x => new { x.Model, x.PracticeCode, x.LsoaCode, x.Tier });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PopulationCells");

            migrationBuilder.DropTable(
                name: "RiskScoreCells");
        }
    }
}
