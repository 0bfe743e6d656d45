using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Phm.Data.Sqlite.Migrations
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

            // A store built before this has statistics for the index replaced, none for this one; without them SQLite's planner
            // would weigh it by guesses against the practice's other indexes.
            migrationBuilder.Sql("ANALYZE \"IX_Patients_PracticeCode_Pseudonym_LsoaCode\";");
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

            migrationBuilder.Sql("ANALYZE \"IX_Patients_PracticeCode_Pseudonym\";");
        }
    }
}
