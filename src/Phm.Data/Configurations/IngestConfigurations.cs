using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Phm.Data.Ingest;

namespace Phm.Data.Configurations;

internal sealed class QuarantinedRecordConfiguration : IEntityTypeConfiguration<QuarantinedRecord>
{
    public void Configure(EntityTypeBuilder<QuarantinedRecord> builder)
    {
        builder.HasKey(q => q.Id);
        builder.Property(q => q.Source).HasMaxLength(260);
        builder.Property(q => q.Reference).HasMaxLength(100);
        builder.Property(q => q.Field).HasMaxLength(100);
        builder.Property(q => q.Reason).HasMaxLength(400);
        // Re-running a file quarantines nothing twice.
        builder.HasIndex(q => new { q.Source, q.Reference, q.Field }).IsUnique();
    }
}

internal sealed class IngestedRecordConfiguration : IEntityTypeConfiguration<IngestedRecord>
{
    public void Configure(EntityTypeBuilder<IngestedRecord> builder)
    {
        builder.HasKey(r => r.Key);
        builder.Property(r => r.Key).HasMaxLength(100);
    }
}
