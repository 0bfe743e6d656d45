using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Phm.Data.Postgres.Migrations
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
                    PatientId = table.Column<int>(type: "integer", nullable: false),
                    DeathHazardPerYear = table.Column<double>(type: "double precision", nullable: false),
                    GpAppointmentsPerYear = table.Column<double>(type: "double precision", nullable: false),
                    Nhs111CallsPerYear = table.Column<double>(type: "double precision", nullable: false),
                    AmbulanceCallsPerYear = table.Column<double>(type: "double precision", nullable: false),
                    AeAttendancesPerYear = table.Column<double>(type: "double precision", nullable: false),
                    EmergencyAdmissionsPerYear = table.Column<double>(type: "double precision", nullable: false),
                    ElectiveAdmissionsPerYear = table.Column<double>(type: "double precision", nullable: false),
                    OutpatientAttendancesPerYear = table.Column<double>(type: "double precision", nullable: false),
                    CommunityContactsPerYear = table.Column<double>(type: "double precision", nullable: false),
                    SocialCareContactsPerYear = table.Column<double>(type: "double precision", nullable: false)
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
