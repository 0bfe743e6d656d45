using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Phm.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddGeneratorTruth : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "GeneratorTruth",
                columns: table => new
                {
                    PatientId = table.Column<int>(type: "INTEGER", nullable: false),
                    DeathHazardPerYear = table.Column<double>(type: "REAL", nullable: false),
                    GpAppointmentsPerYear = table.Column<double>(type: "REAL", nullable: false),
                    Nhs111CallsPerYear = table.Column<double>(type: "REAL", nullable: false),
                    AmbulanceCallsPerYear = table.Column<double>(type: "REAL", nullable: false),
                    AeAttendancesPerYear = table.Column<double>(type: "REAL", nullable: false),
                    EmergencyAdmissionsPerYear = table.Column<double>(type: "REAL", nullable: false),
                    ElectiveAdmissionsPerYear = table.Column<double>(type: "REAL", nullable: false),
                    OutpatientAttendancesPerYear = table.Column<double>(type: "REAL", nullable: false),
                    CommunityContactsPerYear = table.Column<double>(type: "REAL", nullable: false),
                    SocialCareContactsPerYear = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GeneratorTruth", x => x.PatientId);
                    table.ForeignKey(
                        name: "FK_GeneratorTruth_Patients_PatientId",
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
                name: "GeneratorTruth");
        }
    }
}
