using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Phm.Data.Governance;

namespace Phm.Data.Configurations;

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedOnAdd();
        builder.Property(e => e.Subject).HasMaxLength(200);
        builder.Property(e => e.Role).HasMaxLength(20);
        builder.Property(e => e.PcnCode).HasMaxLength(10);
        builder.Property(e => e.OperationName).HasMaxLength(200);
        builder.Property(e => e.Field).HasMaxLength(100);
        builder.Property(e => e.QueryHash).HasMaxLength(64).IsFixedLength();
    }
}
