using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Phm.Data.Cohorts;
using Phm.Data.Patients;
using Phm.Data.Risk;
using Phm.Data.Store;
using Phm.Data.Terminology;
using static Phm.Api.Tests.Support.SampleData;

namespace Phm.Api.Tests.Cohorts;

/// <summary>
/// The built-in One Team cohorts: their definitions pinned, and each rule checked on patients made to sit just inside or just
/// outside it (all registered at Alpha, alive unless said, judged at 1 January 2021).
/// </summary>
public sealed class OneTeamCohortsTests : IAsyncLifetime
{
    private TestStore _store = null!;

    public async Task InitializeAsync() => _store = await TestStore.CreateAsync(db =>
    {
        Seed(db);
        AddPatients(db);
    });

    public Task DisposeAsync()
    {
        _store.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public void TheBuiltInDefinitions_MatchTheApprovedSnapshot()
    {
        var definitions = new JsonArray([.. OneTeamCohorts.Defaults.Select(d =>
        {
            var content = d.Content.Normalised();
            return (JsonNode)new JsonObject
            {
                ["key"] = d.Key,
                ["pcn"] = d.PcnCode,
                ["name"] = content.Name,
                ["description"] = content.Description,
                ["parameters"] = JsonNode.Parse(content.ParametersJson!),
                ["criteria"] = JsonNode.Parse(content.CriteriaJson),
            };
        })]);

        Snapshot.Match(definitions.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    [Theory]
    [InlineData("bitterne-hiu-heart-failure", new[] { "hf-5-ae" })]
    [InlineData("living-well-hiu-respiratory", new[] { "copd-5-ae", "asthma-5-ae" })]
    [InlineData("woolston-townhill-ld-complexity", new[] { "ld-3-registers", "ld-admitted" })]
    [InlineData("woolston-townhill-persistent-pain", new[] { "pain-12-gp", "pain-3-ae" })]
    [InlineData("north-end-of-life", new[] { "eol-register", "death-high", Dan })]   // Dan of the sample data is on the register
    [InlineData("central-proactive-case-management", new[] { "admission-very-high" })]
    public async Task ABuiltInRule_TakesThePatientsMadeToMeetIt_AndNoneOfThoseJustOutside(string key, string[] expected)
    {
        var builtIn = OneTeamCohorts.Defaults.Single(d => d.Key == key);
        await using var db = _store.OpenContext();

        var members = await db.Patients.Meeting(builtIn.Criteria, db, ReferenceDate).Select(p => p.Pseudonym).ToListAsync();

        Assert.Equal(expected.Order(), members.Order());
    }

    [Fact]
    public async Task Seeding_AddsOnlyThePcnsTheStoreKnows()
    {
        await using var db = _store.OpenContext();

        Assert.Equal(0, await OneTeamCohorts.SeedAsync(db, TimeProvider.System, CancellationToken.None));
        Assert.Equal(0, await db.CohortDefinitions.CountAsync());
    }

    private static int _nextId = 100;

    /// <summary>Each patient is named for why they are in or just outside a rule.</summary>
    private static void AddPatients(PhmDbContext db)
    {
        var recent = new DateOnly(2020, 6, 1);
        Add(db, "hf-5-ae", [ConditionRegister.HeartFailure], ae: 5);
        Add(db, "hf-4-ae", [ConditionRegister.HeartFailure], ae: 4);
        Add(db, "hf-5-ae-too-early", [ConditionRegister.HeartFailure], ae: 5, on: new DateOnly(2019, 12, 31));
        Add(db, "no-hf-6-ae", [ConditionRegister.Hypertension], ae: 6);
        Add(db, "copd-5-ae", [ConditionRegister.Copd], ae: 5);
        Add(db, "asthma-5-ae", [ConditionRegister.Asthma], ae: 5);
        Add(db, "copd-5-ae-died", [ConditionRegister.Copd], ae: 5, died: new DateOnly(2020, 12, 1));
        Add(db, "ld-3-registers", [ConditionRegister.LearningDisability, ConditionRegister.Epilepsy, ConditionRegister.Obesity]);
        Add(db, "ld-2-registers", [ConditionRegister.LearningDisability, ConditionRegister.Epilepsy]);
        Add(db, "ld-admitted", [ConditionRegister.LearningDisability], admissions: 1);
        Add(db, "pain-12-gp", [ConditionRegister.PersistentPain], gp: 12);
        Add(db, "pain-11-gp-2-ae", [ConditionRegister.PersistentPain], gp: 11, ae: 2);
        Add(db, "pain-3-ae", [ConditionRegister.PersistentPain], ae: 3);
        Add(db, "no-pain-12-gp", [ConditionRegister.Depression], gp: 12);
        Add(db, "eol-register", [], endOfLife: recent);
        Add(db, "eol-register-died", [], endOfLife: recent, died: new DateOnly(2020, 11, 1));
        Add(db, "eol-register-later", [], endOfLife: new DateOnly(2021, 2, 1));
        var deathHigh = Add(db, "death-high", []);
        var deathModerate = Add(db, "death-moderate", []);
        var admissionVeryHigh = Add(db, "admission-very-high", []);
        var admissionHigh = Add(db, "admission-high", []);
        db.ScoredModels.AddRange(Model(OneTeamCohorts.MortalityModel), Model(OneTeamCohorts.EmergencyAdmissionModel));
        db.RiskScores.AddRange(
            Score(OneTeamCohorts.MortalityModel, deathHigh, 1, RiskTier.High),
            Score(OneTeamCohorts.MortalityModel, deathModerate, 2, RiskTier.Moderate),
            Score(OneTeamCohorts.EmergencyAdmissionModel, admissionVeryHigh, 1, RiskTier.VeryHigh),
            Score(OneTeamCohorts.EmergencyAdmissionModel, admissionHigh, 2, RiskTier.High));
    }

    private static int Add(
        PhmDbContext db, string pseudonym, ConditionRegister[] registers, int ae = 0, int gp = 0, int admissions = 0,
        DateOnly? on = null, DateOnly? died = null, DateOnly? endOfLife = null)
    {
        var id = _nextId++;
        var date = on ?? new DateOnly(2020, 6, 1);
        db.Patients.Add(new Patient
        {
            Id = id,
            Pseudonym = pseudonym,
            PracticeCode = Alpha,
            LsoaCode = Middling,
            BirthYear = 1960,
            BirthMonth = 1,
            Sex = Sex.Female,
            EthnicGroup = EthnicGroup.White,
            DateOfDeath = died,
            Conditions = [.. registers.Select((r, i) => new Condition { Id = id * 100 + i, PatientId = id, Register = r, Kind = ConditionKind.Diagnosis, SnomedCode = "404684003", OnsetDate = new DateOnly(2015, 1, 1), CodeList = RegisterCodeList.Version })],
            Activities =
            [
                .. Enumerable.Range(0, ae).Select(i => new Activity { Id = id * 100 + i, PatientId = id, Kind = ActivityKind.AeAttendance, Date = date.AddDays(i) }),
                .. Enumerable.Range(0, gp).Select(i => new Activity { Id = id * 100 + 20 + i, PatientId = id, Kind = ActivityKind.GpAppointment, Date = date.AddDays(i) }),
                .. Enumerable.Range(0, admissions).Select(i => new Activity { Id = id * 100 + 40 + i, PatientId = id, Kind = ActivityKind.EmergencyAdmission, Date = date.AddDays(i), LengthOfStayDays = 2 }),
            ],
            CareFlags = endOfLife is { } flagged ? [new CareFlag { Id = id * 100, PatientId = id, Kind = CareFlagKind.EndOfLifeRegister, RecordedOn = flagged }] : [],
        });
        return id;
    }

    private static ScoredModel Model(string name) => new()
    {
        Name = name,
        Version = "test",
        Outcome = name,
        Learner = "LightGbm",
        FeatureSchemaHash = "0000000000000000",
        ScoredOn = ReferenceDate,
        PatientsScored = 2,
    };

    private static RiskScore Score(string model, int patientId, int rank, RiskTier tier) => new()
    {
        Model = model,
        PatientId = patientId,
        ModelVersion = "test",
        Probability = 0.5 / rank,
        Rank = rank,
        Percentile = 100.0 * (3 - rank) / 2,
        Tier = tier,
        Contributions = "[]",
    };
}
