using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Phm.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class RegistersFromQofClusters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Conditions_Register_PatientId",
                table: "Conditions");

            migrationBuilder.AddColumn<string>(
                name: "CodeList",
                table: "Conditions",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "registers.v1");

            migrationBuilder.AddColumn<int>(
                name: "Kind",
                table: "Conditions",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.CreateIndex(
                name: "IX_Conditions_Register_Kind_PatientId_OnsetDate",
                table: "Conditions",
                columns: new[] { "Register", "Kind", "PatientId", "OnsetDate" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Conditions_Register_Kind_PatientId_OnsetDate",
                table: "Conditions");

            migrationBuilder.DropColumn(
                name: "CodeList",
                table: "Conditions");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "Conditions");

            migrationBuilder.CreateIndex(
                name: "IX_Conditions_Register_PatientId",
                table: "Conditions",
                columns: new[] { "Register", "PatientId" });
        }
    }
}
