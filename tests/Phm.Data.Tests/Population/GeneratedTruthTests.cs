using MathNet.Numerics.Distributions;
using Microsoft.EntityFrameworkCore;
using Phm.Data.Ingest;
using Phm.Data.Patients;
using Phm.Data.Population;
using Phm.Data.Store;

namespace Phm.Data.Tests.Population;

/// <summary>The generator knows each outcome's true probability, and what it knows is what its rows show.</summary>
public sealed class GeneratedTruthTests
{
    private static readonly DateOnly WindowStart = new(2018, 1, 1);
    private static readonly DateOnly IndexDate = new(2020, 1, 1);
    private static readonly DateOnly WindowEnd = new(2022, 1, 1);
    private static readonly Func<Patient, DateOnly, bool> AliveOn = Patient.AliveOn.Compile();

    public static TheoryData<string> Outcomes() => ["death", "emergency admission", "5+ A&E attendances", "3+ GP appointments"];

    private static GeneratedOutcome OutcomeNamed(string name) => name switch
    {
        "death" => GeneratedOutcome.Death,
        "emergency admission" => GeneratedOutcome.Activity(ActivityKind.EmergencyAdmission),
        "5+ A&E attendances" => GeneratedOutcome.Activity(ActivityKind.AeAttendance, 5),
        "3+ GP appointments" => GeneratedOutcome.Activity(ActivityKind.GpAppointment, 3),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Outcomes))]
    public void SimulatedPatients_HaveTheirOutcomes_AtTheTrueProbability_InEveryDecile(string name)
    {
        var outcome = OutcomeNamed(name);
        var parameters = SeededRandom.For(11, RandomStream.Demography, 0);
        var lives = Enumerable.Range(0, 200_000)
            .Select(i => Simulate(RandomTruth(parameters), SeededRandom.For(11, RandomStream.Mortality, i)))
            .Where(life => AliveOn(life.Patient, IndexDate))
            .Select(life => (Probability: GeneratedTruth.Probability(life.Truth, outcome, IndexDate), Happened: Happened(life.Patient, outcome)))
            .OrderBy(life => life.Probability)
            .ToList();

        var deciles = lives.Chunk((lives.Count + 9) / 10).ToList();

        Assert.All(deciles, decile =>
        {
            var expected = decile.Average(l => l.Probability);
            var observed = decile.Average(l => l.Happened ? 1.0 : 0.0);
            var standardError = Math.Sqrt(decile.Sum(l => l.Probability * (1 - l.Probability))) / decile.Length;
            Assert.True(Math.Abs(observed - expected) <= 4 * standardError + 1e-4, $"{name}: observed {observed:P3} against {expected:P3} (SE {standardError:P3})");
        });
        Assert.True(deciles[^1].Average(l => l.Probability) > 3 * deciles[0].Average(l => l.Probability), "the parameters spread the risk");
    }

    [Theory]
    [InlineData(0.3, 1)]
    [InlineData(2.5, 5)]
    [InlineData(6.0, 3)]
    public void WithoutDeath_AtLeastNEvents_IsThePoissonTail(double ratePerYear, int atLeast)
    {
        var truth = GeneratorTruth.Of(1, 0, _ => ratePerYear);
        var years = (IndexDate.AddYears(1).DayNumber - IndexDate.DayNumber) / GeneratedTruth.DaysPerYear;

        var probability = GeneratedTruth.Probability(truth, GeneratedOutcome.Activity(ActivityKind.AeAttendance, atLeast), IndexDate);

        Assert.Equal(1 - Poisson.CDF(ratePerYear * years, atLeast - 1), probability, 12);
    }

    [Fact]
    public void AtLeastOneEvent_IsTheRaceAgainstDeath()
    {
        var (rate, hazard) = (0.8, 0.4);
        var truth = GeneratorTruth.Of(1, hazard, _ => rate);
        var years = (IndexDate.AddYears(1).DayNumber - IndexDate.DayNumber) / GeneratedTruth.DaysPerYear;

        var probability = GeneratedTruth.Probability(truth, GeneratedOutcome.Activity(ActivityKind.EmergencyAdmission), IndexDate);

        Assert.Equal(rate / (rate + hazard) * (1 - Math.Exp(-(rate + hazard) * years)), probability, 12);
        Assert.Equal(1 - Math.Exp(-hazard * years), GeneratedTruth.Probability(truth, GeneratedOutcome.Death, IndexDate), 12);
    }

    [Fact]
    public void AnOutcomeOfNoEvents_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => GeneratedOutcome.Activity(ActivityKind.AeAttendance, 0));

    /// <summary>The generated city itself: the outcome year before the reference date holds as many outcomes as its truth says.</summary>
    [Theory]
    [MemberData(nameof(Outcomes))]
    public void TheGeneratedPopulation_HasItsOutcomes_AtTheTrueProbability(string name)
    {
        var outcome = OutcomeNamed(name);
        var indexDate = PopulationSettings.ReferenceDate.AddYears(-1);
        var alive = GeneratedPopulation.Instance.Patients
            .Where(p => p.Age >= 1 && (p.DateOfDeath is null || p.DateOfDeath > indexDate))
            .Select(p => (Probability: GeneratedTruth.Probability(p.Truth, outcome, indexDate), Happened: Happened(p, outcome, indexDate)))
            .ToList();

        foreach (var group in alive.OrderBy(p => p.Probability).Chunk((alive.Count + 2) / 3))
        {
            var expected = group.Average(p => p.Probability);
            var observed = group.Average(p => p.Happened ? 1.0 : 0.0);
            var standardError = Math.Sqrt(group.Sum(p => p.Probability * (1 - p.Probability))) / group.Length;
            Assert.True(Math.Abs(observed - expected) <= 4 * standardError + 1e-4, $"{name}: observed {observed:P3} against {expected:P3} (SE {standardError:P3})");
        }
    }

    [SkippableTheory, ProviderData]
    public async Task TheStore_HoldsTheTruthOfEveryGeneratedPatient_AndOfNoIngestedOne(DatabaseProvider provider)
    {
        await using var hub = await IngestHarness.StartAsync(provider);
        hub.Write(CsvExtractReader.Patients, "nhs_number,birth_date,sex,ethnic_category,lsoa_code,practice_code,date_of_death", $"{TestNhsNumbers.Valid().First()},1950-03-14,F,H,E01017139,J82001,");
        await hub.IngestCsvAsync();
        var indexDate = PopulationSettings.ReferenceDate.AddYears(-1);

        await using var db = hub.Store.CreateContext();
        var ingested = (await hub.PatientAsync(TestNhsNumbers.Valid().First())).Id;
        var generated = await db.Patients.Where(p => p.Id != ingested).AliveOn(indexDate).CountAsync(p => p.BirthYear < indexDate.Year);
        var probabilities = await GeneratedTruth.ProbabilitiesAsync(db, GeneratedOutcome.Death, indexDate, CancellationToken.None);

        Assert.Equal(await db.Patients.CountAsync() - 1, await db.Set<GeneratorTruth>().CountAsync());
        Assert.False(probabilities.ContainsKey(ingested));
        Assert.Equal(generated, probabilities.Count);
        Assert.All(probabilities.Values, p => Assert.InRange(p, 0, 1));
    }

    private static bool Happened(Patient patient, GeneratedOutcome outcome) => Happened(
        patient.DateOfDeath, patient.Activities.Select(a => (a.Kind, a.Date)), outcome, IndexDate);

    private static bool Happened(PatientSummary patient, GeneratedOutcome outcome, DateOnly indexDate) => Happened(
        patient.DateOfDeath, patient.Activities.Select(a => (a.Kind, a.Date)), outcome, indexDate);

    /// <summary>The outcome year: the dates after the index date, up to the same date a year on.</summary>
    private static bool Happened(DateOnly? dateOfDeath, IEnumerable<(ActivityKind Kind, DateOnly Date)> activities, GeneratedOutcome outcome, DateOnly indexDate)
    {
        bool InYear(DateOnly date) => date > indexDate && date <= indexDate.AddYears(1);
        return outcome.Kind is { } kind
            ? activities.Count(a => a.Kind == kind && InYear(a.Date)) >= outcome.AtLeast
            : dateOfDeath is { } death && InYear(death);
    }

    /// <summary>Parameters spread like a city's: hazards from under 0.1% to about 50% a year, rates with a long tail.</summary>
    private static GeneratorTruth RandomTruth(Random random)
    {
        var hazard = Math.Min(2.3, Math.Exp(Normal.Sample(random, -4.5, 1.5)));
        var frailty = Math.Exp(0.5 * Math.Log(hazard / 0.011));
        var rates = Enum.GetValues<ActivityKind>().ToDictionary(kind => kind, kind => Gamma.Sample(random, 0.6, 0.6) * frailty * (kind == ActivityKind.GpAppointment ? 5 : 0.3));
        return GeneratorTruth.Of(0, hazard, kind => rates[kind]);
    }

    /// <summary>One life drawn as the generator draws it: death at an exponential time, then each kind's events while alive.</summary>
    private static (Patient Patient, GeneratorTruth Truth) Simulate(GeneratorTruth truth, Random random)
    {
        var windowDays = WindowEnd.DayNumber - WindowStart.DayNumber;
        var daysToDeath = GeneratedTruth.DrawWaitingDays(truth.DeathHazardPerYear, random);
        var exposureDays = Math.Min(daysToDeath, windowDays);
        var patient = new Patient
        {
            Pseudonym = "",
            PracticeCode = "",
            LsoaCode = "",
            DateOfDeath = daysToDeath < windowDays ? WindowStart.AddDays((int)daysToDeath) : null,
            Activities = [.. Enum.GetValues<ActivityKind>().SelectMany(kind => GeneratedTruth.DrawEventDays(truth.RatePerYear(kind), exposureDays, random)
                .Select(day => new Activity { Kind = kind, Date = WindowStart.AddDays(day) }))],
        };
        return (patient, truth);
    }
}
