using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Phm.Api.Cohorts;
using Phm.Api.Governance;
using Phm.Data.Patients;
using Phm.Data.Risk;
using Phm.Data.Sqlite;
using Phm.Data.Store;
using static Phm.Api.Tests.Support.SampleData;

namespace Phm.Api.Tests.Cohorts;

/// <summary>
/// The characterisation of a cohort over <see cref="SampleData"/>: here the cohort of the six patients alive at 1 January 2021 (Gus,
/// who died before, is no member), described with exact counts and under analysts' disclosure control, through C# and through
/// <see cref="CohortCharacterisationType"/> on a schema of the tests' own (the cohort fields that carry it are the cohorts' to add).
/// </summary>
public sealed class CohortCharacterisationTests : IAsyncLifetime
{
    private TestStore _store = null!;
    private ServiceProvider _services = null!;
    private readonly SqlCommandCounter _commands = new();

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync(Seed);
        await using (var db = _store.OpenContext())
            TestRiskScores.Write(db);
        _services = new ServiceCollection()
            .AddPhmGraphQL(new ConfigurationBuilder().Build())
            .AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = "Testing" })
            .AddDbContext<PhmDbContext, SqlitePhmDbContext>(options =>
            {
                SqlitePhmDbContext.Configure(options, TestStore.ConnectionStringFor(_store.Path));
                options.AddInterceptors(_commands);
            })
            .BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        _store.Dispose();
    }

    [Fact]
    public async Task AgeBandsBySex_CountEveryBandAndSex_WithSharesOfTheMembers()
    {
        await using var db = _store.OpenContext();

        var bands = await CohortCharacterisation.AgeBandsBySexAsync(Living(db, DisclosureControl.Exact), CancellationToken.None);

        // Cat 10; Bob 31 and Fin 20; Ann 64 and Eve 46; Dan 80.
        Assert.Equal(
            [(AgeBand.From0To17, Sex.Female, 1, 16.7), (AgeBand.From18To44, Sex.Male, 2, 33.3), (AgeBand.From45To64, Sex.Female, 2, 33.3), (AgeBand.From75To84, Sex.Male, 1, 16.7)],
            bands.Where(b => b.Patients.Exact > 0).Select(b => (b.AgeBand, b.Sex, b.Patients.Shown!.Value, b.Percentage!.Value)));
        Assert.Equal(Enum.GetValues<AgeBand>().Length * 2, bands.Count);
    }

    [Fact]
    public async Task Deprivation_CountsEachQuintile_AndThoseLivingOutsideTheLocalAuthorityApart()
    {
        await using var db = _store.OpenContext();

        var deprivation = await CohortCharacterisation.DeprivationAsync(Living(db, DisclosureControl.Exact), CancellationToken.None);

        // Ann, Eve and Fin live in the deprived LSOA, Bob in the middling one, Cat in the affluent one and Dan in Eastleigh.
        Assert.Equal([(1, 3), (2, 1), (3, 0), (4, 1), (5, 1)], deprivation.ByNationalQuintile.Select(q => (q.Quintile!.Value, q.Patients.Shown!.Value)));
        Assert.Equal([(1, 3), (2, 0), (3, 1), (4, 0), (5, 1), (null, 1)], deprivation.ByLocalQuintile.Select(q => (q.Quintile, q.Patients.Shown!.Value)));
    }

    [Fact]
    public async Task TopRegisters_ListTheRegistersMembersAreOnAtTheDay_MostFirst()
    {
        await using var db = _store.OpenContext();

        var registers = await CohortCharacterisation.TopRegistersAsync(Living(db, DisclosureControl.Exact), CohortCharacterisation.TopRegisters, CancellationToken.None);

        // Bob's asthma was resolved, Cat (10) is too young for the depression register, and Gus (dementia) died before the day.
        Assert.Equal(
            [(ConditionRegister.Hypertension, 3, 50.0), (ConditionRegister.Diabetes, 2, 33.3), (ConditionRegister.Asthma, 2, 33.3),
                (ConditionRegister.Copd, 1, 16.7), (ConditionRegister.HeartFailure, 1, 16.7), (ConditionRegister.AtrialFibrillation, 1, 16.7)],
            registers.Select(r => (r.Register, r.Patients.Shown!.Value, r.Percentage!.Value)));
    }

    [Fact]
    public async Task RiskTiers_ShowEveryModelsScoredMembersByTier()
    {
        await using var db = _store.OpenContext();

        var mixes = await CohortCharacterisation.RiskTiersAsync(Living(db, DisclosureControl.Exact), CancellationToken.None);

        Assert.Equal([TestRiskScores.Admission, TestRiskScores.Mortality], mixes.Select(m => m.Model));
        Assert.All(mixes, m =>
        {
            Assert.Equal(6, m.Patients.Shown);
            Assert.Equal(Enum.GetValues<RiskTier>(), m.Tiers.Select(t => t.Tier));
            Assert.Equal(6, m.Tiers.Sum(t => t.Patients.Shown));
        });
    }

    [Fact]
    public async Task ActivityRates_CountTheLast12MonthsContactsPerThousandMembers()
    {
        await using var db = _store.OpenContext();

        var rates = await CohortCharacterisation.ActivityRatesAsync(Living(db, DisclosureControl.Exact), CancellationToken.None);

        // Ann: 2 GP appointments, an A&E attendance, an emergency admission and an outpatient appointment in 2020; Dan: an ambulance and an emergency admission.
        Assert.Equal(
            [(ActivityKind.GpAppointment, 2, 333.3), (ActivityKind.Ambulance, 1, 166.7), (ActivityKind.AeAttendance, 1, 166.7),
                (ActivityKind.EmergencyAdmission, 2, 333.3), (ActivityKind.Outpatient, 1, 166.7)],
            rates.Where(r => r.Events.Exact > 0).Select(r => (r.Kind, r.Events.Shown!.Value, r.RatePerThousandMembers!.Value)));
        Assert.Equal(Enum.GetValues<ActivityKind>().Length, rates.Count);
    }

    [Fact]
    public async Task Characterisation_ForAnAnalyst_SuppressesSmallCountsWithTheReason_AndTheirShares_ButShowsZeros()
    {
        await using var db = _store.OpenContext();
        var source = Living(db, DisclosureControl.SmallNumberSuppression);

        var members = await source.CountAsync(CancellationToken.None);
        var bands = await CohortCharacterisation.AgeBandsBySexAsync(source, CancellationToken.None);
        var rates = await CohortCharacterisation.ActivityRatesAsync(source, CancellationToken.None);

        Assert.Equal(new DisclosedCount(6, null, SuppressionReason.SmallCount), members);
        Assert.All(bands.Where(b => b.Patients.Exact > 0), b => Assert.Equal((null, SuppressionReason.SmallCount, null), (b.Patients.Shown, b.Patients.Suppression, b.Percentage)));
        Assert.All(bands.Where(b => b.Patients.Exact == 0), b => Assert.Equal((0, null), (b.Patients.Shown, b.Patients.Suppression)));
        Assert.All(rates, r => Assert.Null(r.RatePerThousandMembers));
    }

    [Fact]
    public async Task Characterisation_ForAnAnalyst_PerturbsEachCountByItsCellKey_SoTheSameMembersShowTheSameCountInEveryPart()
    {
        using var store = await TestStore.CreateAsync(SeedWithThirteenMore);
        await using var db = store.OpenContext();
        var source = Of(TheThirteen(db), db, DisclosureControl.SmallNumberSuppression);
        var cell = CellCount.Of([.. Enumerable.Range(FirstOfTheThirteen, 13)]);

        var members = await source.CountAsync(CancellationToken.None);
        var bands = await CohortCharacterisation.AgeBandsBySexAsync(source, CancellationToken.None);

        // The noise moves these 13 below 12.5: rounded alone they would show as 15.
        Assert.Equal((10, 15), (Disclosure.Count(cell, DisclosureControl.SmallNumberSuppression).Count, Disclosure.Count(13, DisclosureControl.SmallNumberSuppression)));
        Assert.Equal(10, members.Shown);
        // All 13 are women of 40: their band is the same members, so the same cell and the same count.
        Assert.Equal(10, bands.Single(b => b.AgeBand == AgeBand.From18To44 && b.Sex == Sex.Female).Patients.Shown);
    }

    [Fact]
    public async Task Deprivation_ForAnAnalyst_SuppressesASecondQuintile_SoASmallOneIsNotTheMembersLessTheOthers()
    {
        using var store = await TestStore.CreateAsync(SeedWithThirteenMore);
        await using var db = store.OpenContext();

        var deprivation = await CohortCharacterisation.DeprivationAsync(Of(TheThirteen(db), db, DisclosureControl.SmallNumberSuppression), CancellationToken.None);

        // 11 in quintile 1 and 2 in quintile 5 of 13 members shown: quintile 1 shown would give quintile 5 as members less 11.
        foreach (var scale in new[] { deprivation.ByNationalQuintile, deprivation.ByLocalQuintile })
        {
            Assert.Equal((null, SuppressionReason.Secondary), (scale[0].Patients.Shown, scale[0].Patients.Suppression));
            Assert.Equal((null, SuppressionReason.SmallCount), (scale[4].Patients.Shown, scale[4].Patients.Suppression));
            Assert.All(scale.Skip(1).Take(3), q => Assert.Equal(0, q.Patients.Shown));
        }
    }

    [Fact]
    public async Task RiskTiers_ForAnAnalyst_SuppressASecondTier_BesideASmallOne()
    {
        using var store = await TestStore.CreateAsync(SeedWithThirteenMore);
        await using (var scoring = store.OpenContext())
        {
            TestRiskScores.Write(scoring);
            await scoring.RiskScores.Where(s => s.PatientId >= FirstOfTheThirteen)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Tier, x => x.PatientId <= 21 ? RiskTier.Low : RiskTier.VeryHigh));
        }
        await using var db = store.OpenContext();

        var mixes = await CohortCharacterisation.RiskTiersAsync(Of(TheThirteen(db), db, DisclosureControl.SmallNumberSuppression), CancellationToken.None);

        // 11 low and 2 very high of the 13 scored: the low tier shown would give the very high as the scored less 11.
        var mix = mixes.Single(m => m.Model == TestRiskScores.Admission);
        Assert.Equal(10, mix.Patients.Shown);
        Assert.Equal(
            [(RiskTier.VeryHigh, null, SuppressionReason.SmallCount), (RiskTier.High, 0, null), (RiskTier.Moderate, 0, null), (RiskTier.Low, null, SuppressionReason.Secondary)],
            mix.Tiers.Select(t => (t.Tier, t.Patients.Shown, t.Patients.Suppression)));
    }

    [Fact]
    public async Task CharacterisationType_EveryPart_MatchesSnapshot_InOneStatementAPart()
    {
        _commands.Reset();

        var response = await ExecuteAsync("""
            {
              characterisation {
                members
                ageBandsBySex { ageBand sex patients suppression percentage }
                deprivation { byNationalQuintile { quintile patients percentage } byLocalQuintile { quintile patients suppression percentage } }
                topRegisters { register patients percentage }
                riskTiers { model patients tiers { tier patients percentage } }
                activity { kind events suppression ratePerThousandMembers }
              }
            }
            """);

        Snapshot.Match(response.Indented);
        // The members counted once, then one statement for each part (the risk part also reads the scored models' names).
        Assert.Equal(7, _commands.Commands.Count);
    }

    private static CohortCharacterisationSource Living(PhmDbContext db, DisclosureControl control) => Of(db.Patients.AliveOn(ReferenceDate), db, control);

    private static CohortCharacterisationSource Of(IQueryable<Patient> members, PhmDbContext db, DisclosureControl control) => new(members, db, ReferenceDate, control);

    private static IQueryable<Patient> TheThirteen(PhmDbContext db) => db.Patients.Where(p => p.Id >= FirstOfTheThirteen);

    private async Task<ExecutedRequest> ExecuteAsync(string query)
    {
        await using var scope = _services.CreateAsyncScope();
        var result = await new DocumentExecuter().ExecuteAsync(new ExecutionOptions
        {
            Schema = new CharacterisationSchema(scope.ServiceProvider),
            Query = query,
            RequestServices = scope.ServiceProvider,
        });
        return new ExecutedRequest(scope.ServiceProvider.GetRequiredService<IGraphQLTextSerializer>().Serialize(result));
    }

    /// <summary>A root field giving the characterisation of the living patients, as the cohorts' fields will give a cohort's.</summary>
    private sealed class CharacterisationSchema : Schema
    {
        public CharacterisationSchema(IServiceProvider services) : base(services)
        {
            var query = new ObjectGraphType { Name = "Query" };
            query.Field<NonNullGraphType<CohortCharacterisationType>>("characterisation")
                .Resolve(context => Living(context.RequestServices!.GetRequiredService<PhmDbContext>(), DisclosureControl.Exact));
            Query = query;
        }
    }
}
