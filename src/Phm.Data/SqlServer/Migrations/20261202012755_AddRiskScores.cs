using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Phm.Data.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class AddRiskScores : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ScoredModels",
                columns: table => new
                {
                    Name = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Version = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Outcome = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Learner = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    FeatureSchemaHash = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    TrainedAtUtc = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    TrainedOn = table.Column<int>(type: "int", nullable: false),
                    EvaluatedOn = table.Column<int>(type: "int", nullable: false),
                    ScoredOn = table.Column<int>(type: "int", nullable: false),
                    ScoredAtUtc = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    PatientsScored = table.Column<int>(type: "int", nullable: false),
                    Auroc = table.Column<double>(type: "float", nullable: false),
                    AurocLower = table.Column<double>(type: "float", nullable: false),
                    AurocUpper = table.Column<double>(type: "float", nullable: false),
                    Auprc = table.Column<double>(type: "float", nullable: false),
                    Brier = table.Column<double>(type: "float", nullable: false),
                    CalibrationSlope = table.Column<double>(type: "float", nullable: false),
                    CalibrationIntercept = table.Column<double>(type: "float", nullable: false),
                    OracleAuroc = table.Column<double>(type: "float", nullable: true),
                    OracleBrier = table.Column<double>(type: "float", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScoredModels", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "RiskScores",
                columns: table => new
                {
                    Model = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    PatientId = table.Column<int>(type: "int", nullable: false),
                    ModelVersion = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Probability = table.Column<double>(type: "float", nullable: false),
                    Rank = table.Column<int>(type: "int", nullable: false),
                    Percentile = table.Column<double>(type: "float", nullable: false),
                    Tier = table.Column<int>(type: "int", nullable: false),
                    Contributions = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RiskScores", x => new { x.Model, x.PatientId });
                    table.ForeignKey(
                        name: "FK_RiskScores_Patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "Patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RiskScores_ScoredModels_Model",
                        column: x => x.Model,
                        principalTable: "ScoredModels",
                        principalColumn: "Name",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RiskScores_Model_Rank",
                table: "RiskScores",
                columns: new[] { "Model", "Rank" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RiskScores_PatientId",
                table: "RiskScores",
                column: "PatientId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RiskScores");

            migrationBuilder.DropTable(
                name: "ScoredModels");
        }
    }
}
