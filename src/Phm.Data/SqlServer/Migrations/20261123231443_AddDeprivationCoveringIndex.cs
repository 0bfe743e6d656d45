using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Phm.Data.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class AddDeprivationCoveringIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Patients_PracticeCode_LsoaCode_DateOfDeath",
                table: "Patients",
                columns: new[] { "PracticeCode", "LsoaCode", "DateOfDeath" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Patients_PracticeCode_LsoaCode_DateOfDeath",
                table: "Patients");
        }
    }
}
