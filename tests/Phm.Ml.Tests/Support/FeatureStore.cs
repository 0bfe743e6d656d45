using Microsoft.EntityFrameworkCore;
using Phm.Data.Geography;
using Phm.Data.Patients;
using Phm.Data.Store;
using Phm.Data.Terminology;
using Phm.Ml.Features;

namespace Phm.Ml.Tests.Support;

/// <summary>
/// A small generated store (it brings practices, LSOAs and ordinary patients) to which a test adds hand-made patients
/// and their records, then reads the features as the models will.
/// </summary>
public sealed class FeatureStore : IAsyncDisposable
{
    /// <summary>Above every generated id, so hand-made rows never collide with generated ones.</summary>
    private const int FirstId = 50_000_000;

    private readonly TestDatabase _database;
    private int _nextId = FirstId;

    private FeatureStore(TestDatabase database, PhmStore store, DateOnly referenceDate, string practiceCode, Lsoa inCity, Lsoa outside)
    {
        _database = database;
        Store = store;
        ReferenceDate = referenceDate;
        PracticeCode = practiceCode;
        LsoaInCity = inCity;
        LsoaOutside = outside;
    }

    public PhmStore Store { get; }

    /// <summary>The store's reference date, the day it keeps the registers held for.</summary>
    public DateOnly ReferenceDate { get; }

    /// <summary>The test's database, for a store built again over it (another seed or population).</summary>
    public TestDatabase Database => _database;
    public string PracticeCode { get; }
    public Lsoa LsoaInCity { get; }
    public Lsoa LsoaOutside { get; }

    public static async Task<FeatureStore> StartAsync(DatabaseProvider provider, int population = 60)
    {
        var database = TestDatabase.For(provider);
        var store = database.Store(population, 11);
        var manifest = await store.EnsureReadyAsync(CancellationToken.None);
        await using var db = store.CreateContext();
        var practice = await db.Practices.OrderBy(p => p.Code).Select(p => p.Code).FirstAsync();
        var inCity = await db.Lsoas.Where(l => l.IsInLocalAuthority).OrderBy(l => l.Code).FirstAsync();
        var outside = await db.Lsoas.Where(l => !l.IsInLocalAuthority).OrderBy(l => l.Code).FirstAsync();
        return new FeatureStore(database, store, manifest.ReferenceDate, practice, inCity, outside);
    }

    public FeatureReader Reader => new(Store.CreateContext);

    public async Task<FeatureMatrix> FeaturesAsync(DateOnly indexDate) => await Reader.ReadMatrixAsync(indexDate, CancellationToken.None);

    /// <summary>A new patient; returns its id.</summary>
    public async Task<int> AddPatientAsync(int birthYear, int birthMonth, Sex sex = Sex.Female, EthnicGroup ethnicGroup = EthnicGroup.Asian,
        bool inCity = true, DateOnly? dateOfDeath = null)
    {
        var id = _nextId++;
        await AddAsync(new Patient
        {
            Id = id, Pseudonym = "hand-made-" + id, PracticeCode = PracticeCode, LsoaCode = (inCity ? LsoaInCity : LsoaOutside).Code,
            BirthYear = birthYear, BirthMonth = birthMonth, Sex = sex, EthnicGroup = ethnicGroup, DateOfDeath = dateOfDeath,
        });
        return id;
    }

    /// <summary>A contact, and the patient's activity histories at the reference date written again, as an ingest does.</summary>
    public async Task AddActivityAsync(int patientId, ActivityKind kind, DateOnly date, int? lengthOfStayDays = null)
    {
        await AddAsync(new Activity { Id = _nextId++, PatientId = patientId, Kind = kind, Date = date, LengthOfStayDays = lengthOfStayDays });
        await using var db = Store.CreateContext();
        await ActivityHistory.WriteKeptAsync(db, ReferenceDate, [patientId], CancellationToken.None);
    }

    /// <summary>A register entry, and the patient's registers held at the reference date written again, as an ingest does.</summary>
    public async Task AddConditionAsync(int patientId, ConditionRegister register, DateOnly date, ConditionKind kind = ConditionKind.Diagnosis)
    {
        await AddAsync(new Condition { Id = _nextId++, PatientId = patientId, Register = register, Kind = kind, SnomedCode = "0", OnsetDate = date, CodeList = RegisterCodeList.Version });
        await using var db = Store.CreateContext();
        await RegisterRules.WriteRegistersHeldAsync(db, ReferenceDate, [patientId], CancellationToken.None);
    }

    public Task AddCareFlagAsync(int patientId, CareFlagKind kind, DateOnly recordedOn) =>
        AddAsync(new CareFlag { Id = _nextId++, PatientId = patientId, Kind = kind, RecordedOn = recordedOn });

    public async Task RecordDeathAsync(int patientId, DateOnly date)
    {
        await using var db = Store.CreateContext();
        await db.Patients.Where(p => p.Id == patientId).ExecuteUpdateAsync(s => s.SetProperty(p => p.DateOfDeath, date));
    }

    private async Task AddAsync(object entity)
    {
        await using var db = Store.CreateContext();
        db.Add(entity);
        await db.SaveChangesAsync();
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
