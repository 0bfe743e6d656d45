using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Phm.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CoverPatientPagesLsoa : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Patients_PracticeCode_Pseudonym",
                table: "Patients");

            migrationBuilder.CreateIndex(
                name: "IX_Patients_PracticeCode_Pseudonym_LsoaCode",
                table: "Patients",
                columns: new[] { "PracticeCode", "Pseudonym", "LsoaCode" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Patients_PracticeCode_Pseudonym_LsoaCode",
                table: "Patients");

            migrationBuilder.CreateIndex(
                name: "IX_Patients_PracticeCode_Pseudonym",
                table: "Patients",
                columns: new[] { "PracticeCode", "Pseudonym" });
        }
    }
}
