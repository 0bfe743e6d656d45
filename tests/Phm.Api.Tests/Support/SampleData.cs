using Phm.Data.Geography;
using Phm.Data.Patients;
using Phm.Data.Practices;
using Phm.Data.Store;
using Phm.Data.Terminology;

namespace Phm.Api.Tests.Support;

/// <summary>
/// A small hand-made population whose answers can be worked out by hand. At the reference date (1 January 2021):
/// North PCN has Alpha (J82001); Central PCN has Beta (J82002), which moved from North on 1 October 2020; Gamma (J82003)
/// left Central on 31 December 2020 and belongs to no PCN. One LSOA lies outside the local authority (Eastleigh).
/// Gus died in December 2020, before the reference date. Bob's asthma was resolved in 2019; Fin's was resolved in 2015
/// and diagnosed again in 2019; Cat (10) has asthma (register age 6) and depression (register age 18).
/// </summary>
public static class SampleData
{
    public static readonly DateOnly ReferenceDate = new(2021, 1, 1);

    public const string North = "U00001";
    public const string Central = "U00002";
    public const string Alpha = "J82001";
    public const string Beta = "J82002";
    public const string Gamma = "J82003";

    public const string Deprived = "E01017139";
    public const string Middling = "E01017140";
    public const string Affluent = "E01017141";
    public const string Eastleigh = "E01022950";

    /// <summary>Pseudonyms; internal ids are 1 to 7 in this order, which is not pseudonym order.</summary>
    public const string Ann = "c3a1f0", Bob = "0b7d22", Cat = "9f10aa", Dan = "4e2c81", Eve = "a07b3e", Fin = "71d9c4", Gus = "e1f2a3";

    public static void Seed(PhmDbContext db)
    {
        db.Manifest.Add(new StoreManifest
        {
            GeneratorVersion = "hand-made",
            Seed = 1,
            Population = 7,
            LocalAuthorityCode = "E06000045",
            ReferenceDate = ReferenceDate,
            BuiltAtUtc = new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero),
        });

        db.Lsoas.AddRange(
            Lsoa(Deprived, "Southampton 001A", 45.2, 1500, decile: 1, national: 1, local: 1),
            Lsoa(Middling, "Southampton 001B", 20.1, 12000, decile: 4, national: 2, local: 3),
            Lsoa(Affluent, "Southampton 002A", 8.0, 28000, decile: 9, national: 5, local: 5, estimated: true),
            Lsoa(Eastleigh, "Eastleigh 001A", 10.5, 25000, decile: 8, national: 4, local: null));

        db.Pcns.AddRange(new Pcn { Code = North, Name = "North PCN" }, new Pcn { Code = Central, Name = "Central PCN" });
        db.Practices.AddRange(
            Practice(Alpha, "Alpha Surgery", "SO16 1AA", 5000, 30.5, (North, new(2019, 7, 1), null)),
            Practice(Beta, "Beta Health Centre", "SO14 2BB", 7000, null,
                (North, new(2019, 7, 1), new(2020, 9, 30)), (Central, new(2020, 10, 1), null)),
            Practice(Gamma, "Gamma Practice", "SO15 3CC", 3000, 18.2, (Central, new(2019, 7, 1), new(2020, 12, 31))));

        db.Patients.AddRange(
            Patient(1, Ann, Alpha, Deprived, 1956, 3, Sex.Female, EthnicGroup.White,
                conditions: [(ConditionRegister.Hypertension, "38341003", new(2010, 5, 1)), (ConditionRegister.Diabetes, "44054006", new(2015, 2, 1)), (ConditionRegister.Copd, "13645005", new(2018, 9, 12))],
                activities: [(ActivityKind.GpAppointment, new(2020, 1, 10), null), (ActivityKind.GpAppointment, new(2020, 6, 1), null), (ActivityKind.AeAttendance, new(2020, 7, 2), null),
                    (ActivityKind.EmergencyAdmission, new(2020, 7, 2), 3), (ActivityKind.Outpatient, new(2020, 10, 5), null)],
                flags: [(CareFlagKind.CarePlan, new(2020, 8, 1))],
                prescriptions: [("322236009", new(2020, 2, 1)), ("322236009", new(2020, 8, 1)), ("317896006", new(2020, 9, 1)), ("39720311000001101", new(2020, 11, 1))],
                procedures: [("232717009", new(2020, 7, 2)), ("430193006", new(2020, 11, 30))]),
            Patient(2, Bob, Alpha, Middling, 1990, 1, Sex.Male, EthnicGroup.Asian,
                conditions: [(ConditionRegister.Asthma, "195967001", new(2000, 3, 1))],
                resolved: [(ConditionRegister.Asthma, "162660004", new(2019, 6, 1))]),
            Patient(3, Cat, Beta, Affluent, 2010, 12, Sex.Female, EthnicGroup.Mixed,
                conditions: [(ConditionRegister.Asthma, "195967001", new(2018, 5, 1)), (ConditionRegister.Depression, "35489007", new(2020, 9, 1))]),
            Patient(4, Dan, Beta, Eastleigh, 1940, 6, Sex.Male, EthnicGroup.White,
                conditions: [(ConditionRegister.Hypertension, "38341003", new(2005, 6, 1)), (ConditionRegister.HeartFailure, "84114007", new(2019, 1, 20)), (ConditionRegister.AtrialFibrillation, "49436004", new(2019, 1, 20))],
                activities: [(ActivityKind.Ambulance, new(2020, 10, 1), null), (ActivityKind.EmergencyAdmission, new(2020, 10, 1), 12)],
                flags: [(CareFlagKind.Housebound, new(2020, 3, 1)), (CareFlagKind.EndOfLifeRegister, new(2020, 10, 20))]),
            Patient(5, Eve, Gamma, Deprived, 1975, 1, Sex.Female, EthnicGroup.Black,
                conditions: [(ConditionRegister.Hypertension, "38341003", new(2012, 1, 1)), (ConditionRegister.Diabetes, "44054006", new(2020, 7, 7))]),
            Patient(6, Fin, Beta, Deprived, 2001, 1, Sex.Male, EthnicGroup.NotStated,
                conditions: [(ConditionRegister.Asthma, "195967001", new(2012, 4, 1)), (ConditionRegister.Asthma, "1064811000000103", new(2019, 2, 1))],
                resolved: [(ConditionRegister.Asthma, "162660004", new(2015, 4, 1))]),
            Patient(7, Gus, Alpha, Middling, 1930, 5, Sex.Male, EthnicGroup.White, died: new(2020, 12, 2),
                conditions: [(ConditionRegister.Dementia, "52448006", new(2018, 3, 1))]));
    }

    public const int FirstOfTheThirteen = 11;

    /// <summary>
    /// The hand-made patients and 13 more (ids 11 to 23), women of 40 at Alpha, each with a GP appointment on the reference date:
    /// ids 11 to 21 live in the deprived LSOA (quintile 1 on both scales), 22 and 23 in the affluent one (quintile 5). Their
    /// record keys sum to 47 modulo 256, which perturbs a count of 13 by −1: an analyst is shown 10 where rounding alone gives 15.
    /// </summary>
    public static void SeedWithThirteenMore(PhmDbContext db)
    {
        Seed(db);
        db.Patients.AddRange(Enumerable.Range(FirstOfTheThirteen, 13).Select(id => Patient(
            id, $"q{id}", Alpha, id <= 21 ? Deprived : Affluent, 1980, 6, Sex.Female, EthnicGroup.White,
            activities: [(ActivityKind.GpAppointment, ReferenceDate, null)])));
    }

    internal static Lsoa Lsoa(string code, string name, double score, int rank, int decile, int national, int? local, bool estimated = false)
    {
        var inSouthampton = local is not null;
        return new Lsoa
        {
            Code = code,
            Name = name,
            LocalAuthorityCode = inSouthampton ? "E06000045" : "E07000086",
            LocalAuthorityName = inSouthampton ? "Southampton" : "Eastleigh",
            IsInLocalAuthority = inSouthampton,
            ImdScore = score,
            ImdScoreIsEstimated = estimated,
            ImdRank = rank,
            ImdDecile = decile,
            NationalQuintile = national,
            LocalQuintile = local,
            Domains = new DomainDeciles(decile, decile, decile, decile, 3, 6, 2),
            Population = new LsoaPopulation(1600, 320, 960, 320),
        };
    }

    internal static Practice Practice(string code, string name, string postcode, int listSize, double? imdScore, params (string Pcn, DateOnly From, DateOnly? To)[] memberships) => new()
    {
        Code = code,
        Name = name,
        Postcode = postcode,
        ListSize = listSize,
        PublishedImdScore = imdScore,
        Memberships = [.. memberships.Select(m => new PcnMembership { PracticeCode = code, PcnCode = m.Pcn, ValidFrom = m.From, ValidTo = m.To })],
    };

    internal static Patient Patient(
        int id, string pseudonym, string practice, string lsoa, int birthYear, int birthMonth, Sex sex, EthnicGroup ethnicGroup,
        DateOnly? died = null,
        (ConditionRegister Register, string Snomed, DateOnly Onset)[]? conditions = null,
        (ConditionRegister Register, string Snomed, DateOnly On)[]? resolved = null,
        (ActivityKind Kind, DateOnly Date, int? Stay)[]? activities = null,
        (CareFlagKind Kind, DateOnly On)[]? flags = null,
        (string Dmd, DateOnly On)[]? prescriptions = null,
        (string Snomed, DateOnly On)[]? procedures = null) => new()
        {
            Id = id,
            Pseudonym = pseudonym,
            PracticeCode = practice,
            LsoaCode = lsoa,
            BirthYear = birthYear,
            BirthMonth = birthMonth,
            Sex = sex,
            EthnicGroup = ethnicGroup,
            DateOfDeath = died,
            Conditions =
            [
                .. (conditions ?? []).Select(c => (c.Register, c.Snomed, c.Onset, Kind: ConditionKind.Diagnosis))
                    .Concat((resolved ?? []).Select(r => (r.Register, r.Snomed, Onset: r.On, Kind: ConditionKind.Resolved)))
                    .Select((c, i) => new Condition { Id = id * 100 + i, PatientId = id, Register = c.Register, Kind = c.Kind, SnomedCode = c.Snomed, OnsetDate = c.Onset, CodeList = RegisterCodeList.Version }),
            ],
            Activities = [.. (activities ?? []).Select((a, i) => new Activity { Id = id * 100 + i, PatientId = id, Kind = a.Kind, Date = a.Date, LengthOfStayDays = a.Stay })],
            CareFlags = [.. (flags ?? []).Select((f, i) => new CareFlag { Id = id * 100 + i, PatientId = id, Kind = f.Kind, RecordedOn = f.On })],
            Prescriptions = [.. (prescriptions ?? []).Select((m, i) => new Prescription { Id = id * 100 + i, PatientId = id, DmdCode = m.Dmd, IssuedOn = m.On })],
            Procedures = [.. (procedures ?? []).Select((r, i) => new Procedure { Id = id * 100 + i, PatientId = id, SnomedCode = r.Snomed, PerformedOn = r.On })],
        };
}
