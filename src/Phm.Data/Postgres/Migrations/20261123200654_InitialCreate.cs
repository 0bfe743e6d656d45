using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Phm.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Lsoas",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    LocalAuthorityCode = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    LocalAuthorityName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    IsInLocalAuthority = table.Column<bool>(type: "boolean", nullable: false),
                    ImdScore = table.Column<double>(type: "double precision", nullable: false),
                    ImdScoreIsEstimated = table.Column<bool>(type: "boolean", nullable: false),
                    ImdRank = table.Column<int>(type: "integer", nullable: false),
                    ImdDecile = table.Column<int>(type: "integer", nullable: false),
                    NationalQuintile = table.Column<int>(type: "integer", nullable: false),
                    LocalQuintile = table.Column<int>(type: "integer", nullable: true),
                    Domains_BarriersToHousingAndServices = table.Column<int>(type: "integer", nullable: false),
                    Domains_Crime = table.Column<int>(type: "integer", nullable: false),
                    Domains_Education = table.Column<int>(type: "integer", nullable: false),
                    Domains_Employment = table.Column<int>(type: "integer", nullable: false),
                    Domains_Health = table.Column<int>(type: "integer", nullable: false),
                    Domains_Income = table.Column<int>(type: "integer", nullable: false),
                    Domains_LivingEnvironment = table.Column<int>(type: "integer", nullable: false),
                    Population_Aged0To15 = table.Column<int>(type: "integer", nullable: false),
                    Population_Aged16To59 = table.Column<int>(type: "integer", nullable: false),
                    Population_Aged60Plus = table.Column<int>(type: "integer", nullable: false),
                    Population_Total = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Lsoas", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "Manifest",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    GeneratorVersion = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Seed = table.Column<int>(type: "integer", nullable: false),
                    Population = table.Column<int>(type: "integer", nullable: false),
                    LocalAuthorityCode = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    ReferenceDate = table.Column<int>(type: "integer", nullable: false),
                    BuiltAtUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Manifest", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Pcns",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Pcns", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "Practices",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Postcode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    ListSize = table.Column<int>(type: "integer", nullable: false),
                    Latitude = table.Column<double>(type: "double precision", nullable: true),
                    Longitude = table.Column<double>(type: "double precision", nullable: true),
                    PublishedImdScore = table.Column<double>(type: "double precision", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Practices", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "Patients",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Pseudonym = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PracticeCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    LsoaCode = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    BirthYear = table.Column<int>(type: "integer", nullable: false),
                    BirthMonth = table.Column<int>(type: "integer", nullable: false),
                    Sex = table.Column<int>(type: "integer", nullable: false),
                    EthnicGroup = table.Column<int>(type: "integer", nullable: false),
                    DateOfDeath = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Patients", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Patients_Lsoas_LsoaCode",
                        column: x => x.LsoaCode,
                        principalTable: "Lsoas",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Patients_Practices_PracticeCode",
                        column: x => x.PracticeCode,
                        principalTable: "Practices",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PcnMemberships",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PracticeCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    PcnCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    ValidFrom = table.Column<int>(type: "integer", nullable: false),
                    ValidTo = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PcnMemberships", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PcnMemberships_Pcns_PcnCode",
                        column: x => x.PcnCode,
                        principalTable: "Pcns",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PcnMemberships_Practices_PracticeCode",
                        column: x => x.PracticeCode,
                        principalTable: "Practices",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Activities",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    PatientId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Date = table.Column<int>(type: "integer", nullable: false),
                    LengthOfStayDays = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Activities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Activities_Patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "Patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CareFlags",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    PatientId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    RecordedOn = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CareFlags", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CareFlags_Patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "Patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Conditions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    PatientId = table.Column<int>(type: "integer", nullable: false),
                    Register = table.Column<int>(type: "integer", nullable: false),
                    SnomedCode = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    OnsetDate = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Conditions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Conditions_Patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "Patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Activities_PatientId_Kind_Date",
                table: "Activities",
                columns: new[] { "PatientId", "Kind", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_CareFlags_PatientId_Kind",
                table: "CareFlags",
                columns: new[] { "PatientId", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_Conditions_PatientId_Register",
                table: "Conditions",
                columns: new[] { "PatientId", "Register" });

            migrationBuilder.CreateIndex(
                name: "IX_Conditions_Register_PatientId",
                table: "Conditions",
                columns: new[] { "Register", "PatientId" });

            migrationBuilder.CreateIndex(
                name: "IX_Lsoas_LocalAuthorityCode_NationalQuintile",
                table: "Lsoas",
                columns: new[] { "LocalAuthorityCode", "NationalQuintile" });

            migrationBuilder.CreateIndex(
                name: "IX_Patients_LsoaCode_Id",
                table: "Patients",
                columns: new[] { "LsoaCode", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Patients_PracticeCode_Id",
                table: "Patients",
                columns: new[] { "PracticeCode", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Patients_Pseudonym",
                table: "Patients",
                column: "Pseudonym",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PcnMemberships_PcnCode_ValidFrom",
                table: "PcnMemberships",
                columns: new[] { "PcnCode", "ValidFrom" });

            migrationBuilder.CreateIndex(
                name: "IX_PcnMemberships_PracticeCode",
                table: "PcnMemberships",
                column: "PracticeCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Activities");

            migrationBuilder.DropTable(
                name: "CareFlags");

            migrationBuilder.DropTable(
                name: "Conditions");

            migrationBuilder.DropTable(
                name: "Manifest");

            migrationBuilder.DropTable(
                name: "PcnMemberships");

            migrationBuilder.DropTable(
                name: "Patients");

            migrationBuilder.DropTable(
                name: "Pcns");

            migrationBuilder.DropTable(
                name: "Lsoas");

            migrationBuilder.DropTable(
                name: "Practices");
        }
    }
}
