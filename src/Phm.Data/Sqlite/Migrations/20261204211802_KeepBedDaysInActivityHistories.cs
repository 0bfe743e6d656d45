using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Phm.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class KeepBedDaysInActivityHistories : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "BedDays",
                table: "ActivityHistories",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // The kept rows have no bed days yet: emptied, they are written again, bed days and all, when the store is next
            // opened (PhmStore's fill of the derived rows a store lacks), rather than read as nobody's nights in hospital.
            migrationBuilder.Sql("DELETE FROM \"ActivityHistories\";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "BedDays",
                table: "ActivityHistories");
        }
    }
}
