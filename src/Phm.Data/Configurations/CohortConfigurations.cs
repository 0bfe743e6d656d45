using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Phm.Data.Cohorts;
using Phm.Data.Patients;

namespace Phm.Data.Configurations;

internal sealed class CohortDefinitionConfiguration : IEntityTypeConfiguration<CohortDefinition>
{
    public void Configure(EntityTypeBuilder<CohortDefinition> builder)
    {
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedOnAdd();
        builder.Property(d => d.Key).HasMaxLength(CohortDefinition.MaxKeyLength);
        builder.Property(d => d.Name).HasMaxLength(CohortDefinition.MaxNameLength);
        builder.Property(d => d.Description).HasMaxLength(CohortDefinition.MaxDescriptionLength);
        builder.Property(d => d.Owner).HasMaxLength(200);
        builder.Property(d => d.AuthoredBy).HasMaxLength(200);
        // No foreign key to the PCN: PCNs are reference data, replaced by a store rebuild, while definitions are kept.
        builder.Property(d => d.PcnCode).HasMaxLength(10);
        builder.Ignore(d => d.IsRetired);
        builder.Ignore(d => d.Criteria);
        builder.Ignore(d => d.ScopedCriteria);
        // One row per version; the latest version of a cohort is the one with no later version under its key.
        builder.HasIndex(d => new { d.Key, d.Version }).IsUnique();
        builder.HasIndex(d => d.PcnCode);
    }
}

internal sealed class CohortSnapshotConfiguration : IEntityTypeConfiguration<CohortSnapshot>
{
    public void Configure(EntityTypeBuilder<CohortSnapshot> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedOnAdd();
        builder.Property(s => s.CohortKey).HasMaxLength(CohortDefinition.MaxKeyLength);
        builder.Property(s => s.EvaluatedBy).HasMaxLength(200);
        builder.HasOne<CohortDefinition>().WithMany().HasForeignKey(s => s.DefinitionId);
        builder.HasMany(s => s.Members).WithOne().HasForeignKey(m => m.SnapshotId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.CohortKey, s.Id });
    }
}

internal sealed class CohortSnapshotMemberConfiguration : IEntityTypeConfiguration<CohortSnapshotMember>
{
    public void Configure(EntityTypeBuilder<CohortSnapshotMember> builder)
    {
        builder.ToTable("CohortSnapshotMembers");
        builder.HasKey(m => new { m.SnapshotId, m.PatientId });
        builder.HasOne<Patient>().WithMany().HasForeignKey(m => m.PatientId);
    }
}
