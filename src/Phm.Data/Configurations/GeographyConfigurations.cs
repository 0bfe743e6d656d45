using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Phm.Data.Geography;

namespace Phm.Data.Configurations;

internal sealed class LsoaConfiguration : IEntityTypeConfiguration<Lsoa>
{
    public void Configure(EntityTypeBuilder<Lsoa> builder)
    {
        builder.HasKey(l => l.Code);
        builder.Property(l => l.Code).HasMaxLength(9);
        builder.Property(l => l.Name).HasMaxLength(100);
        builder.Property(l => l.LocalAuthorityCode).HasMaxLength(9);
        builder.Property(l => l.LocalAuthorityName).HasMaxLength(100);
        builder.ComplexProperty(l => l.Domains);
        builder.ComplexProperty(l => l.Population);
        builder.HasIndex(l => new { l.LocalAuthorityCode, l.NationalQuintile });
    }
}
