using System.Text.RegularExpressions;
using Phm.Data.Patients;
using Phm.Data.Store;
using Phm.Data.Terminology;
using static Phm.Api.Tests.Support.SampleData;

namespace Phm.Api.Tests.Patients;

/// <summary>Related data of a page is read one batch per loader, however many patients the page holds.</summary>
public sealed class BatchLoadingTests : IAsyncLifetime
{
    private const int ExtraPatients = 120;
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
    public async Task PageOfFiftyPatients_WithPracticePcnLsoaConditionsFlagsAndCounts_TakesOneQueryPerLoader()
    {
        // The first request reads the reference data (practices, PCNs, LSOAs), which later ones hold in memory.
        await _host.ExecuteAsync("{ practices { code } }");
        _host.Commands.Reset();

        var response = await _host.ExecuteAsync("""
            {
              patients(first: 50) {
                totalCount
                items {
                  id age
                  practice { code pcn { code } }
                  lsoa { code nationalQuintile }
                  conditions { register }
                  careFlags { kind }
                  activityCounts { count }
                  medicinesPrescribed proceduresPerformed
                }
              }
            }
            """);

        Assert.Empty(response.ErrorCodes);
        Assert.Equal(50, response.Data.GetProperty("patients").GetProperty("items").GetArrayLength());
        // The page, count, conditions, care flags, activity, medicine and procedure counts (reference data held).
        Assert.True(_host.Commands.DataCommands.Count <= 7, string.Join("\n\n", _host.Commands.Commands));
    }

    [Theory]
    [InlineData("{ patients(first: 60) { edges { node { id conditions { register onsetDate } } } } }")]
    [InlineData("{ patients(first: 60) { items { ...registers } } } fragment registers on Patient { id conditions { register onsetDate } }")]
    public async Task PageWithConditions_ReadsThemInThePagesOwnStatement_AsEachPatientsOwnConditionsAre(string query)
    {
        await _host.ExecuteAsync("{ practices { code } }");
        _host.Commands.Reset();

        var response = await _host.ExecuteAsync(query);

        var patients = response.Data.GetProperty("patients");
        var nodes = patients.TryGetProperty("edges", out var edges) ? edges.EnumerateArray().Select(e => e.GetProperty("node")).ToList() : [.. patients.GetProperty("items").EnumerateArray()];
        Assert.Equal(60, nodes.Count);
        // The page with its register entries joined, to the page's own (scoped) patients, and nothing else:
        // the entries' scope filter, which would look each entry's patient up again, is lifted in that statement.
        var statement = Assert.Single(_host.Commands.DataCommands);
        Assert.Single(Regex.Matches(statement, "FROM \"Patients\""));
        foreach (var node in nodes.Where((_, i) => i % 7 == 0))
        {
            var one = await _host.ExecuteAsync("query($id: ID!) { patient(id: $id) { conditions { register onsetDate } } }", new { id = node.GetProperty("id").GetString() });
            Assert.Equal(one.Data.GetProperty("patient").GetProperty("conditions").GetRawText(), node.GetProperty("conditions").GetRawText());
        }
    }

    [Fact]
    public async Task Pcns_WithPracticesAndTheirMemberships_TakeOneQueryPerLevel()
    {
        await _host.ExecuteAsync("{ pcns { practices { pcn { code } pcnMemberships { pcn { name } } } } }");

        // PCNs, reference date, practices by PCN, PCN by practice, memberships, PCNs by code.
        Assert.True(_host.Commands.Commands.Count <= 6, string.Join("\n\n", _host.Commands.Commands));
    }

    private static void AddPatients(PhmDbContext db)
    {
        string[] practices = [Alpha, Beta, Gamma];
        string[] lsoas = [Deprived, Middling, Affluent, Eastleigh];
        for (var id = 100; id < 100 + ExtraPatients; id++)
        {
            db.Patients.Add(new Patient
            {
                Id = id,
                Pseudonym = $"extra-{id:D4}",
                PracticeCode = practices[id % practices.Length],
                LsoaCode = lsoas[id % lsoas.Length],
                BirthYear = 1930 + id % 80,
                BirthMonth = 1 + id % 12,
                Sex = id % 2 == 0 ? Sex.Female : Sex.Male,
                EthnicGroup = EthnicGroup.White,
                Conditions =
                [
                    new Condition { Id = id * 10, PatientId = id, Register = ConditionRegister.Asthma, SnomedCode = "195967001", OnsetDate = new(2015, 1, 1), CodeList = RegisterCodeList.Version },
                    new Condition { Id = id * 10 + 1, PatientId = id, Register = ConditionRegister.Obesity, SnomedCode = "414916001", OnsetDate = new(2018, 1, 1), CodeList = RegisterCodeList.Version },
                ],
                CareFlags = [new CareFlag { Id = id * 10, PatientId = id, Kind = CareFlagKind.Carer, RecordedOn = new(2020, 1, 1) }],
                Activities = [new Activity { Id = id * 10, PatientId = id, Kind = ActivityKind.GpAppointment, Date = new(2020, 5, 1) }],
            });
        }
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _store?.Dispose();
    }
}
