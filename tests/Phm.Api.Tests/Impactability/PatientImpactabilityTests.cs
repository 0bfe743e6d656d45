using Phm.Data.Patients;
using Phm.Data.Risk;
using Phm.Data.Store;
using static Phm.Api.Tests.Support.SampleData;

namespace Phm.Api.Tests.Impactability;

/// <summary>
/// <c>Patient.impactability</c> over the hand-made population and 60 more patients, each with an emergency admission for
/// COPD in 2020, and every other one in the high tier of the emergency-admission model with no care plan.
/// </summary>
public sealed class PatientImpactabilityTests : IAsyncLifetime
{
    private const int ExtraPatients = 60;
    private TestStore? _store;
    private SchemaHost _host = null!;

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync(db =>
        {
            Seed(db);
            AddPatients(db);
        });
        _host = SchemaHost.Over(_store.Path);
    }

    [Fact]
    public async Task APatient_ShowsEachSignalThatHolds_WithItsCodeAndWords()
    {
        var response = await _host.ExecuteAsync("""{ high: patient(id: "extra-0200") { impactability { signal words } } none: patient(id: "c3a1f0") { impactability { signal } } }""");

        Assert.Empty(response.ErrorCodes);
        Assert.Equal("""
            {
              "high": {
                "impactability": [
                  {
                    "signal": "AMBULATORY_CARE_SENSITIVE_ADMISSIONS",
                    "words": "1 emergency admission for an ambulatory care sensitive condition in the last 12 months (COPD)"
                  },
                  {
                    "signal": "TOP_RISK_WITHOUT_CARE_PLAN",
                    "words": "top risk tier: a 40% risk of an emergency admission in the next 12 months (emergency-admission-12m tier high, percentile 97.0), and no care plan recorded"
                  }
                ]
              },
              "none": {
                "impactability": []
              }
            }
            """, response.Data.Indented(), ignoreLineEndingDifferences: true);
    }

    [Fact]
    public async Task APageOfFiftyPatients_ReadsItsImpactabilityInAFixedNumberOfQueries()
    {
        var response = await _host.ExecuteAsync("{ patients(first: 50) { items { id impactability { signal words } } } }");

        Assert.Empty(response.ErrorCodes);
        var items = response.Data.GetProperty("patients").GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(50, items.Count);
        Assert.Equal(43 + 22, items.Sum(i => i.GetProperty("impactability").GetArrayLength()));
        // Reference date, the page, and for each of the four signals which patients hold it and their values (none for a signal nobody has).
        Assert.True(_host.Commands.Commands.Count <= 2 + 4 * 2, string.Join("\n\n", _host.Commands.Commands));
    }

    private static void AddPatients(PhmDbContext db)
    {
        db.ScoredModels.Add(new ScoredModel { Name = "emergency-admission-12m", Version = "1.0.0", Outcome = "admission", Learner = "test", FeatureSchemaHash = "test", ScoredOn = ReferenceDate });
        for (var id = 200; id < 200 + ExtraPatients; id++)
        {
            db.Patients.Add(new Patient
            {
                Id = id,
                Pseudonym = $"extra-{id:D4}",
                PracticeCode = Alpha,
                LsoaCode = Deprived,
                BirthYear = 1950,
                BirthMonth = 1,
                Sex = Sex.Female,
                EthnicGroup = EthnicGroup.White,
                Activities =
                [
                    new Activity { Id = id * 10, Kind = ActivityKind.EmergencyAdmission, Date = new(2020, 6, 1), LengthOfStayDays = 3, PrimaryDiagnosis = "J44.1" },
                    new Activity { Id = id * 10 + 1, Kind = ActivityKind.EmergencyAdmission, Date = new(2020, 8, 1), LengthOfStayDays = 1, PrimaryDiagnosis = "R07.4" },
                ],
            });
            if (id % 2 == 0)
            {
                db.RiskScores.Add(new RiskScore
                {
                    Model = "emergency-admission-12m", PatientId = id, ModelVersion = "1.0.0", Rank = id, Probability = 0.4, Percentile = 97, Tier = RiskTier.High, Contributions = "[]",
                });
            }
        }
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _store?.Dispose();
    }
}
