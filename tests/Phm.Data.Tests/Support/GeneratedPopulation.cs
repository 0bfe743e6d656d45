using Phm.Data.Patients;
using Phm.Data.Population;

namespace Phm.Data.Tests.Support;

/// <summary>A seeded generated population of 40,000, summarised once for the tests that describe its behaviour.</summary>
public sealed class GeneratedPopulation
{
    public const int Size = 40_000;
    private static readonly Lazy<GeneratedPopulation> Shared = new(() => new GeneratedPopulation(Generate(42, Size)));

    private GeneratedPopulation(List<PatientSummary> patients) => Patients = patients;

    public static GeneratedPopulation Instance => Shared.Value;

    public IReadOnlyList<PatientSummary> Patients { get; }

    public static List<PatientSummary> Generate(int seed, int size)
    {
        var lsoas = TestReference.Data.Lsoas.ToDictionary(l => l.Code);
        return PopulationGenerator.Generate(TestReference.Data, new PopulationSettings(seed, size, TestReference.Southampton))
            .Select(generated => Summarise(generated.Patient, generated.Truth, lsoas))
            .ToList();
    }

    private static PatientSummary Summarise(Patient p, GeneratorTruth truth, Dictionary<string, Phm.Data.Geography.Lsoa> lsoas) => new(
        p.Pseudonym,
        p.PracticeCode,
        lsoas[p.LsoaCode],
        p.AgeOn(PopulationSettings.ReferenceDate),
        p.Sex,
        p.DateOfDeath,
        p.Conditions.Select(c => c.Register).ToHashSet(),
        p.Activities.Select(a => (a.Kind, a.Date, a.LengthOfStayDays)).ToList(),
        p.CareFlags.Select(f => (f.Kind, f.RecordedOn)).ToList(),
        truth);
}

public sealed record PatientSummary(
    string Pseudonym,
    string PracticeCode,
    Phm.Data.Geography.Lsoa Lsoa,
    int Age,
    Sex Sex,
    DateOnly? DateOfDeath,
    HashSet<ConditionRegister> Registers,
    List<(ActivityKind Kind, DateOnly Date, int? LengthOfStay)> Activities,
    List<(CareFlagKind Kind, DateOnly RecordedOn)> CareFlags,
    GeneratorTruth Truth);
