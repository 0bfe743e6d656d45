using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Phm.Data.Aggregates;

namespace Phm.Data.Configurations;

internal sealed class PopulationCellConfiguration : IEntityTypeConfiguration<PopulationCell>
{
    public void Configure(EntityTypeBuilder<PopulationCell> builder)
    {
        // Derived rows, rewritten whole with the patients they count: no foreign keys to check on each rewrite.
        builder.ToTable("PopulationCells");
        builder.HasKey(c => new { c.PracticeCode, c.LsoaCode });
        builder.Property(c => c.PracticeCode).HasMaxLength(10);
        builder.Property(c => c.LsoaCode).HasMaxLength(9);
    }
}

internal sealed class RiskScoreCellConfiguration : IEntityTypeConfiguration<RiskScoreCell>
{
    public void Configure(EntityTypeBuilder<RiskScoreCell> builder)
    {
        builder.ToTable("RiskScoreCells");
        // A distribution reads one model's cells, all of them or a PCN's practices'.
        builder.HasKey(c => new { c.Model, c.PracticeCode, c.LsoaCode, c.Tier });
        builder.Property(c => c.Model).HasMaxLength(64);
        builder.Property(c => c.PracticeCode).HasMaxLength(10);
        builder.Property(c => c.LsoaCode).HasMaxLength(9);
    }
}
