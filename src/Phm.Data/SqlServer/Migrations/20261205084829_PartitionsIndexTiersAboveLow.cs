using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Phm.Data.SqlServer.Migrations
{
    /// <summary>
    /// Empty: the index on tiers that the migration of this name limits on PostgreSQL, to the tiers above Low, is a model's
    /// partition's own there; this provider keeps the indexes the EF model declares.
    /// </summary>
    public partial class PartitionsIndexTiersAboveLow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
