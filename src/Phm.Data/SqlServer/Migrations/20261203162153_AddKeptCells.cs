using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Phm.Data.SqlServer.Migrations
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
                    PracticeCode = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: false),
                    LsoaCode = table.Column<string>(type: "nvarchar(9)", maxLength: 9, nullable: false),
                    Patients = table.Column<int>(type: "int", nullable: false),
                    RecordKeySum = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PopulationCells", x => new { x.PracticeCode, x.LsoaCode });
                });

            migrationBuilder.CreateTable(
                name: "RiskScoreCells",
                columns: table => new
                {
                    Model = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    PracticeCode = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: false),
                    LsoaCode = table.Column<string>(type: "nvarchar(9)", maxLength: 9, nullable: false),
                    Tier = table.Column<int>(type: "int", nullable: false),
                    Patients = table.Column<int>(type: "int", nullable: false),
                    RecordKeySum = table.Column<long>(type: "bigint", nullable: false),
                    ProbabilitySum = table.Column<double>(type: "float", nullable: false)
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
