using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Phm.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddCohorts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CohortDefinitions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Owner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AuthoredBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PcnCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    CriteriaJson = table.Column<string>(type: "TEXT", nullable: false),
                    ParametersJson = table.Column<string>(type: "TEXT", nullable: true),
                    IsBuiltIn = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    RetiredAtUtc = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CohortDefinitions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CohortSnapshots",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DefinitionId = table.Column<int>(type: "INTEGER", nullable: false),
                    CohortKey = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    EvaluatedAtUtc = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    ReferenceDate = table.Column<int>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    EvaluatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CohortSnapshots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CohortSnapshots_CohortDefinitions_DefinitionId",
                        column: x => x.DefinitionId,
                        principalTable: "CohortDefinitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CohortSnapshotMembers",
                columns: table => new
                {
                    SnapshotId = table.Column<long>(type: "INTEGER", nullable: false),
                    PatientId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CohortSnapshotMembers", x => new { x.SnapshotId, x.PatientId });
                    table.ForeignKey(
                        name: "FK_CohortSnapshotMembers_CohortSnapshots_SnapshotId",
                        column: x => x.SnapshotId,
                        principalTable: "CohortSnapshots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CohortSnapshotMembers_Patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "Patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CohortDefinitions_Key_Version",
                table: "CohortDefinitions",
                columns: new[] { "Key", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CohortDefinitions_PcnCode",
                table: "CohortDefinitions",
                column: "PcnCode");

            migrationBuilder.CreateIndex(
                name: "IX_CohortSnapshotMembers_PatientId",
                table: "CohortSnapshotMembers",
                column: "PatientId");

            migrationBuilder.CreateIndex(
                name: "IX_CohortSnapshots_CohortKey_Id",
                table: "CohortSnapshots",
                columns: new[] { "CohortKey", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_CohortSnapshots_DefinitionId",
                table: "CohortSnapshots",
                column: "DefinitionId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CohortSnapshotMembers");

            migrationBuilder.DropTable(
                name: "CohortSnapshots");

            migrationBuilder.DropTable(
                name: "CohortDefinitions");
        }
    }
}
