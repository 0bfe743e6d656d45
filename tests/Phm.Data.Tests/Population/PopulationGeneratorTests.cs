using Microsoft.EntityFrameworkCore;
using Phm.Data.Patients;
using Phm.Data.Population;
using Phm.Data.Store;
using Phm.Data.Terminology;

namespace Phm.Data.Tests.Population;

/// <summary>What the generated population promises: reproducible, pseudonymous, and shaped like the city's.</summary>
public sealed class PopulationGeneratorTests
{
    private static IReadOnlyList<PatientSummary> Patients => GeneratedPopulation.Instance.Patients;

    [Fact]
    public void TheSameSeed_GivesTheSamePopulation_AndAnotherSeedAnother()
    {
        var first = GeneratedPopulation.Generate(1, 500);
        var again = GeneratedPopulation.Generate(1, 500);
        var other = GeneratedPopulation.Generate(2, 500);

        Assert.Equal(Describe(first), Describe(again));
        Assert.NotEqual(Describe(first), Describe(other));

        static List<string> Describe(List<PatientSummary> patients) => patients
            .Select(p => $"{p.Pseudonym} {p.PracticeCode} {p.Lsoa.Code} {p.Age} {p.Sex} {p.DateOfDeath} {string.Join('+', p.Registers.Order())} {p.Activities.Count}")
            .ToList();
    }

    [Fact]
    public void ThePatientTable_HoldsNoDirectIdentifier()
    {
        using var db = PhmDatabase.CreateContext(DatabaseProvider.Sqlite, "Data Source=:memory:");

        var columns = db.Model.FindEntityType(typeof(Patient))!.GetProperties().Select(p => p.GetColumnName()).Order();

        Assert.Equal(["BirthMonth", "BirthYear", "DateOfDeath", "EthnicGroup", "Id", "LsoaCode", "PracticeCode", "Pseudonym", "Sex"], columns);
        Assert.All(Patients.Take(100), p => Assert.Matches("^[0-9a-f]{32}$", p.Pseudonym));
    }

    [Theory]
    [MemberData(nameof(AllRegisters))]
    public void EachRegister_HasItsTargetPrevalence_WithinFifteenPercent(ConditionRegister register)
    {
        var spec = RegisterModel.For(register);
        var eligible = Patients.Where(p => p.Age >= spec.MinAge).ToList();

        var prevalence = (double)eligible.Count(p => p.Registers.Contains(register)) / eligible.Count;

        Assert.InRange(prevalence, spec.Prevalence * 0.85, spec.Prevalence * 1.15);
    }

    public static TheoryData<ConditionRegister> AllRegisters() => new(Enum.GetValues<ConditionRegister>());

    [Fact]
    public void GeneratedConditions_AreCodedFromTheRegisterCodeList_AndPlaceTheirPatientsOnTheirRegisters()
    {
        var codes = TestReference.Data.RegisterCodes;
        var patients = PopulationGenerator.Generate(TestReference.Data, new PopulationSettings(3, 3_000, TestReference.Southampton)).Select(g => g.Patient).ToList();
        var conditions = patients.SelectMany(p => p.Conditions).ToList();

        Assert.All(conditions, c => Assert.Equal([new RegisterPlacement(c.Register, ConditionKind.Diagnosis)], codes.PlacementsOf(c.SnomedCode)));
        Assert.All(conditions, c => Assert.Equal(RegisterCodeList.Version, c.CodeList));
        Assert.All(patients, p => Assert.All(p.Conditions, c => Assert.True(p.IsOnRegister(c.Register, PopulationSettings.ReferenceDate), $"{c.Register} at {p.AgeOn(PopulationSettings.ReferenceDate)}")));
        Assert.True(conditions.Where(c => c.Register == ConditionRegister.Hypertension).Select(c => c.SnomedCode).Distinct().Count() > 20, "codes are drawn from the whole cluster");
    }

    [Fact]
    public void RegistersOfOldAge_AreHeldByTheOld()
    {
        var dementia = Patients.Where(p => p.Registers.Contains(ConditionRegister.Dementia)).ToList();

        Assert.True(dementia.Count(p => p.Age >= 65) > 0.9 * dementia.Count, "about 97% of the recorded dementia register is 65+");
        Assert.All(Patients.Where(p => p.Registers.Contains(ConditionRegister.Frailty)), p => Assert.True(p.Age >= 65));
        Assert.All(Patients.Where(p => p.Registers.Contains(ConditionRegister.Diabetes)), p => Assert.True(p.Age >= 17));
    }

    [Theory]
    [InlineData(ActivityKind.GpAppointment, 5.9)]
    [InlineData(ActivityKind.AeAttendance, 0.43)]
    [InlineData(ActivityKind.EmergencyAdmission, 0.108)]
    [InlineData(ActivityKind.Outpatient, 1.68)]
    [InlineData(ActivityKind.Nhs111Call, 0.40)]
    [InlineData(ActivityKind.Ambulance, 0.15)]
    public void Activity_MatchesEnglandsRatePerPersonYear_WithinTenPercent(ActivityKind kind, double perPersonYear)
    {
        var personYears = Patients.Sum(p => ((p.DateOfDeath ?? PopulationSettings.ReferenceDate).DayNumber - Later(PopulationSettings.ActivityStart, p).DayNumber) / 365.25);

        var rate = Patients.Sum(p => p.Activities.Count(a => a.Kind == kind)) / personYears;

        Assert.InRange(rate, perPersonYear * 0.9, perPersonYear * 1.1);

        static DateOnly Later(DateOnly start, PatientSummary p)
        {
            var birth = PopulationSettings.ReferenceDate.AddYears(-p.Age - 1);
            return birth > start ? birth : start;
        }
    }

    [Fact]
    public void NoActivity_FallsAfterDeath_OrOutsideTheWindow()
    {
        Assert.All(Patients, p => Assert.All(p.Activities, a =>
        {
            Assert.InRange(a.Date, PopulationSettings.ActivityStart, PopulationSettings.ReferenceDate);
            if (p.DateOfDeath is { } death)
                Assert.True(a.Date <= death);
        }));
    }

    [Fact]
    public void Deaths_AreAboutOnePercentOfPatientsAYear()
    {
        var years = (PopulationSettings.ReferenceDate.DayNumber - PopulationSettings.ActivityStart.DayNumber) / 365.25;
        var annual = Patients.Count(p => p.DateOfDeath is not null) / years / Patients.Count;

        Assert.InRange(annual, 0.007, 0.010);
    }

    [Fact]
    public void PrematureMortality_IsAboutTwiceAsHigh_InTheMostDeprivedQuintile()
    {
        var ratio = AgeStandardisedRatio(p => p.Age < 75, p => p.DateOfDeath is not null);

        Assert.InRange(ratio, 1.5, 3.0);
    }

    [Fact]
    public void CopdMortality_IsAboutThreeTimesAsHigh_InTheMostDeprivedQuintile()
    {
        var ratio = AgeStandardisedRatio(_ => true, p => p.DateOfDeath is not null && p.Registers.Contains(ConditionRegister.Copd));

        Assert.InRange(ratio, 2.0, 4.5);
    }

    [Fact]
    public void HighIntensityUsers_OfAandE_AreAFewPercentOrLess()
    {
        var users = Patients.Count(p => p.Activities.Count(a => a.Kind == ActivityKind.AeAttendance && a.Date.Year == 2020) > 5);

        Assert.InRange((double)users / Patients.Count, 0.001, 0.015);
    }

    [Fact]
    public void AboutAThirdOfEmergencyAdmissions_AreSameDay()
    {
        var stays = Patients.SelectMany(p => p.Activities).Where(a => a.Kind == ActivityKind.EmergencyAdmission).Select(a => a.LengthOfStay!.Value).ToList();

        Assert.InRange(stays.Count(s => s == 0) / (double)stays.Count, 0.28, 0.38);
        Assert.InRange(stays.Average(), 3.0, 7.0);
    }

    [Fact]
    public void CityResidents_MostlyLiveNearTheirPractice()
    {
        var geography = TestReference.Data.Geography;
        var practices = TestReference.Data.Practices.ToDictionary(p => p.Code, p => geography.Project(p.Latitude!.Value, p.Longitude!.Value));
        var residents = Patients.Where(p => p.Lsoa.IsInLocalAuthority).ToList();

        var near = residents.Count(p => geography.LsoaCentroids[p.Lsoa.Code].Distance(practices[p.PracticeCode]) < 3.0);

        Assert.True(near > 0.75 * residents.Count, $"{near} of {residents.Count} city residents live within 3 km of their practice");
    }

    [Fact]
    public void OlderPeople_LiveWhereFile6PutsThem()
    {
        var city = Patients.Where(p => p.Lsoa.IsInLocalAuthority).ToList();
        var generated = (double)city.Count(p => p.Age >= 60) / city.Count;
        var published = TestReference.Data.LocalLsoas.Sum(l => (double)l.Population.Aged60Plus) / TestReference.Data.LocalLsoas.Sum(l => l.Population.Total);

        Assert.InRange(generated, published - 0.02, published + 0.02);
    }

    /// <summary>Ratio of a rate in local quintile 1 to quintile 5, standardised to the whole population's ten-year age bands.</summary>
    private static double AgeStandardisedRatio(Func<PatientSummary, bool> population, Func<PatientSummary, bool> outcome)
    {
        var eligible = Patients.Where(p => p.Lsoa.LocalQuintile is not null && population(p)).ToList();
        var bands = eligible.GroupBy(p => Math.Min(p.Age / 10, 9)).ToDictionary(g => g.Key, g => g.Count());
        double Standardised(int quintile) => eligible
            .Where(p => p.Lsoa.LocalQuintile == quintile)
            .GroupBy(p => Math.Min(p.Age / 10, 9))
            .Sum(g => (double)g.Count(outcome) / g.Count() * bands[g.Key]);
        return Standardised(1) / Standardised(5);
    }
}
