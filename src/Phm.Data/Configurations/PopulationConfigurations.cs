using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Phm.Data.Patients;
using Phm.Data.Population;

namespace Phm.Data.Configurations;

/// <summary>
/// No DbSet on the context and no navigation from <see cref="Patient"/>: the truth is reached only through
/// <see cref="GeneratedTruth"/>, which the API never calls (a test in Phm.Api.Tests holds it to that).
/// </summary>
internal sealed class GeneratorTruthConfiguration : IEntityTypeConfiguration<GeneratorTruth>
{
    public void Configure(EntityTypeBuilder<GeneratorTruth> builder)
    {
        builder.ToTable(nameof(GeneratorTruth));
        builder.HasKey(t => t.PatientId);
        builder.Property(t => t.PatientId).ValueGeneratedNever();
        builder.HasOne<Patient>().WithOne().HasForeignKey<GeneratorTruth>(t => t.PatientId);
    }
}
