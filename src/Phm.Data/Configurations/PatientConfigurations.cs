using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Phm.Data.Terminology;
using Phm.Data.Geography;
using Phm.Data.Patients;
using Phm.Data.Practices;
using Phm.Data.Segmentation;
using Phm.Data.Store;

namespace Phm.Data.Configurations;

internal sealed class PatientConfiguration : IEntityTypeConfiguration<Patient>
{
    public void Configure(EntityTypeBuilder<Patient> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Pseudonym).HasMaxLength(64);
        builder.HasIndex(p => p.Pseudonym).IsUnique();
        builder.Property(p => p.PracticeCode).HasMaxLength(10);
        builder.Property(p => p.LsoaCode).HasMaxLength(9);
        builder.HasOne<Practice>().WithMany().HasForeignKey(p => p.PracticeCode);
        builder.HasOne<Lsoa>().WithMany().HasForeignKey(p => p.LsoaCode);
        builder.HasMany(p => p.Conditions).WithOne().HasForeignKey(c => c.PatientId);
        builder.HasMany(p => p.Activities).WithOne().HasForeignKey(a => a.PatientId);
        builder.HasMany(p => p.CareFlags).WithOne().HasForeignKey(f => f.PatientId);
        builder.HasMany(p => p.Prescriptions).WithOne().HasForeignKey(m => m.PatientId);
        builder.HasMany(p => p.Procedures).WithOne().HasForeignKey(r => r.PatientId);
        // Patient pages are filtered by practice (a PCN is a set of practices) or LSOA and ordered by id.
        builder.HasIndex(p => new { p.PracticeCode, p.Id });
        builder.HasIndex(p => new { p.LsoaCode, p.Id });
        // A practice's worklist in page order (pages are ordered by pseudonym): read from the first patient on until the page is
        // full, instead of every patient of the practice sorted. A practice's quintile-1 page read 8,073 rows in 15.6 ms on
        // PostgreSQL, 141 rows in 0.4 ms with it (EXPLAIN ANALYZE, 300k patients, December 2026). The LSOA, which the quintile
        // criterion looks up for each of those rows, is in the index, so SQLite reads the page's patients from the index alone
        // (no table row a patient): 0.55 -> 0.43 ms of CPU for the bench's page in sqlite3.
        builder.HasIndex(p => new { p.PracticeCode, p.Pseudonym, p.LsoaCode });
        // Covers the deprivation profile's count of the living by practice and LSOA: read in order from the index alone,
        // with no table rows and no sort (about 5x faster over the city on SQLite).
        builder.HasIndex(p => new { p.PracticeCode, p.LsoaCode, p.DateOfDeath });
    }
}

internal sealed class ConditionConfiguration : IEntityTypeConfiguration<Condition>
{
    public void Configure(EntityTypeBuilder<Condition> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.SnomedCode).HasMaxLength(SnomedConceptId.MaxLength);
        // Entries stored before code lists were recorded were placed by the first one.
        builder.Property(c => c.CodeList).HasMaxLength(20).HasDefaultValue("registers.v1");
        builder.Property(c => c.Kind).HasDefaultValue(ConditionKind.Diagnosis).HasSentinel(ConditionKind.Diagnosis);
        builder.HasIndex(c => new { c.PatientId, c.Register });
        // Covers every part of the register rule (RegisterRules): a register's diagnoses and resolutions as ordered lists of
        // patient ids, and a patient's later diagnoses, without reading a row.
        builder.HasIndex(c => new { c.Register, c.Kind, c.PatientId, c.OnsetDate });
    }
}

internal sealed class ActivityHistoryConfiguration : IEntityTypeConfiguration<ActivityHistory>
{
    public void Configure(EntityTypeBuilder<ActivityHistory> builder)
    {
        // A patient's kinds are adjacent rows of the key, read in the order the features merge patients in.
        builder.HasKey(h => new { h.PatientId, h.Kind });
        builder.HasOne<Patient>().WithMany().HasForeignKey(h => h.PatientId);
    }
}

internal sealed class RegisterHeldConfiguration : IEntityTypeConfiguration<RegisterHeld>
{
    public void Configure(EntityTypeBuilder<RegisterHeld> builder)
    {
        builder.ToTable("RegistersHeld");
        // A patient's registers are a few adjacent rows of the key: counted or classified without reading the table.
        builder.HasKey(h => new { h.PatientId, h.Register });
        builder.HasOne<Patient>().WithMany().HasForeignKey(h => h.PatientId);
        // A register's holders as one ordered list of patient ids.
        builder.HasIndex(h => new { h.Register, h.PatientId });
    }
}

internal sealed class PatientSegmentConfiguration : IEntityTypeConfiguration<PatientSegment>
{
    public void Configure(EntityTypeBuilder<PatientSegment> builder)
    {
        builder.ToTable("PatientSegments");
        builder.HasKey(s => s.PatientId);
        builder.Property(s => s.PatientId).ValueGeneratedNever();
        builder.HasOne<Patient>().WithOne().HasForeignKey<PatientSegment>(s => s.PatientId);
    }
}

internal sealed class ActivityConfiguration : IEntityTypeConfiguration<Activity>
{
    public void Configure(EntityTypeBuilder<Activity> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.PrimaryDiagnosis).HasMaxLength(Icd10Code.MaxLength);
        builder.HasIndex(a => new { a.PatientId, a.Kind, a.Date });
        // Activity of a kind in a window, for everyone at once (segmentation, characterisation, activity criteria over a PCN):
        // one range of the index per kind, giving the patient ids without reading a row.
        builder.HasIndex(a => new { a.Kind, a.Date, a.PatientId });
    }
}

internal sealed class CareFlagConfiguration : IEntityTypeConfiguration<CareFlag>
{
    public void Configure(EntityTypeBuilder<CareFlag> builder)
    {
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.HasIndex(f => new { f.PatientId, f.Kind });
    }
}

internal sealed class PrescriptionConfiguration : IEntityTypeConfiguration<Prescription>
{
    public void Configure(EntityTypeBuilder<Prescription> builder)
    {
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.DmdCode).HasMaxLength(SnomedConceptId.MaxLength);
        builder.HasIndex(m => new { m.PatientId, m.IssuedOn });
    }
}

internal sealed class ProcedureConfiguration : IEntityTypeConfiguration<Procedure>
{
    public void Configure(EntityTypeBuilder<Procedure> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.SnomedCode).HasMaxLength(SnomedConceptId.MaxLength);
        builder.HasIndex(r => new { r.PatientId, r.PerformedOn });
    }
}

internal sealed class StoreManifestConfiguration : IEntityTypeConfiguration<StoreManifest>
{
    public void Configure(EntityTypeBuilder<StoreManifest> builder)
    {
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.GeneratorVersion).HasMaxLength(20);
        builder.Property(m => m.LocalAuthorityCode).HasMaxLength(9);
    }
}
