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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CodeList",
                table: "Conditions");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "Conditions");
        }
    }
}
