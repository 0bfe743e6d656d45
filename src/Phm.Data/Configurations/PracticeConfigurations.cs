using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Phm.Data.Practices;

namespace Phm.Data.Configurations;

internal sealed class PcnConfiguration : IEntityTypeConfiguration<Pcn>
{
    public void Configure(EntityTypeBuilder<Pcn> builder)
    {
        builder.HasKey(p => p.Code);
        builder.Property(p => p.Code).HasMaxLength(10);
        builder.Property(p => p.Name).HasMaxLength(200);
    }
}

internal sealed class PracticeConfiguration : IEntityTypeConfiguration<Practice>
{
    public void Configure(EntityTypeBuilder<Practice> builder)
    {
        builder.HasKey(p => p.Code);
        builder.Property(p => p.Code).HasMaxLength(10);
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.Postcode).HasMaxLength(10);
        builder.HasMany(p => p.Memberships).WithOne().HasForeignKey(m => m.PracticeCode);
    }
}

internal sealed class PcnMembershipConfiguration : IEntityTypeConfiguration<PcnMembership>
{
    public void Configure(EntityTypeBuilder<PcnMembership> builder)
    {
        builder.HasKey(m => m.Id);
        builder.Property(m => m.PracticeCode).HasMaxLength(10);
        builder.Property(m => m.PcnCode).HasMaxLength(10);
        builder.HasOne<Pcn>().WithMany().HasForeignKey(m => m.PcnCode);
        builder.HasIndex(m => new { m.PcnCode, m.ValidFrom });
    }
}
