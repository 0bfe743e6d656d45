using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Phm.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AddRegistersHeldAndActivityWindowIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RegistersHeld",
                columns: table => new
                {
                    PatientId = table.Column<int>(type: "integer", nullable: false),
                    Register = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RegistersHeld", x => new { x.PatientId, x.Register });
                    table.ForeignKey(
                        name: "FK_RegistersHeld_Patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "Patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Activities_Kind_Date_PatientId",
                table: "Activities",
                columns: new[] { "Kind", "Date", "PatientId" });

            migrationBuilder.CreateIndex(
                name: "IX_RegistersHeld_Register_PatientId",
                table: "RegistersHeld",
                columns: new[] { "Register", "PatientId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RegistersHeld");

            migrationBuilder.DropIndex(
                name: "IX_Activities_Kind_Date_PatientId",
                table: "Activities");
        }
    }
}
