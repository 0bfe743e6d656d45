using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Phm.Data.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class KeepActivityHistories : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ActivityHistories",
                columns: table => new
                {
                    PatientId = table.Column<int>(type: "int", nullable: false),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    In3Months = table.Column<int>(type: "int", nullable: false),
                    In6Months = table.Column<int>(type: "int", nullable: false),
                    In12Months = table.Column<int>(type: "int", nullable: false),
                    In24Months = table.Column<int>(type: "int", nullable: false),
                    InHistory = table.Column<int>(type: "int", nullable: false),
                    Last = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActivityHistories", x => new { x.PatientId, x.Kind });
                    table.ForeignKey(
                        name: "FK_ActivityHistories_Patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "Patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ActivityHistories");
        }
    }
}
