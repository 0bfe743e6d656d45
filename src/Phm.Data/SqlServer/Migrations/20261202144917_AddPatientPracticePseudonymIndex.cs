using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Phm.Data.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class AddPatientPracticePseudonymIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Patients_PracticeCode_Pseudonym",
                table: "Patients",
                columns: new[] { "PracticeCode", "Pseudonym" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Patients_PracticeCode_Pseudonym",
                table: "Patients");
        }
    }
}
