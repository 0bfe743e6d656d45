using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Phm.Data.SqlServer.Migrations
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
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "registers.v1");

            migrationBuilder.AddColumn<int>(
                name: "Kind",
                table: "Conditions",
                type: "int",
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
