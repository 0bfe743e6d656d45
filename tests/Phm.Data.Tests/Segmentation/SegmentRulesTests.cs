using Microsoft.EntityFrameworkCore;
using Phm.Data.Patients;
using Phm.Data.Segmentation;
using Phm.Data.Store;
using Phm.Data.Terminology;
using static Phm.Data.Segmentation.BridgesToHealthSegment;

namespace Phm.Data.Tests.Segmentation;

/// <summary>
/// Each living patient in exactly one Bridges to Health segment, by the rules' precedence, run as SQL on every provider and written
/// as the store's segments: hand-made patients, each meeting the rules named, added to a small generated store whose reference date
/// is 1 January 2021.
/// </summary>
public sealed class SegmentRulesTests
{
    private const int FirstId = 900_000;

    /// <summary>(name, birth year, birth month, entries, expected segment); entries as <see cref="Patient"/> reads them.</summary>
    private static readonly (string Name, int BirthYear, int BirthMonth, string Entries, BridgesToHealthSegment? Expected)[] Population =
    [
        ("end-of-life-register-and-dementia", 1935, 5, "D Dementia 2015-01-01, F EndOfLifeRegister 2020-06-01", IncurableCancerAndEndOfLife),
        ("cancer-with-two-emergency-admissions", 1950, 3, "D Cancer 2019-02-01, A EmergencyAdmission 2020-02-01, A EmergencyAdmission 2020-11-01", IncurableCancerAndEndOfLife),
        ("cancer-with-one-emergency-admission", 1950, 3, "D Cancer 2019-02-01, A EmergencyAdmission 2020-11-01", ChronicConditionsLowComplexity),
        ("end-of-life-flag-after-the-day", 1950, 3, "F EndOfLifeRegister 2021-02-01", Healthy),
        ("frailty-and-learning-disability", 1950, 1, "D Frailty 2019-01-01, D LearningDisability 1960-01-01", FrailtyAndDementia),
        ("frailty-code-below-the-registers-age", 1970, 1, "D Frailty 2019-01-01", Healthy),
        ("serious-mental-illness-and-three-registers", 1970, 1, "D SeriousMentalIllness 2000-01-01, D Hypertension 2010-01-01, D Diabetes 2011-01-01, D Asthma 2012-01-01", Disability),
        ("three-registers", 1960, 7, "D Hypertension 2010-01-01, D Diabetes 2011-01-01, D CoronaryHeartDisease 2012-01-01", ChronicConditionsHighComplexity),
        ("heart-failure-with-two-emergency-admissions", 1945, 7, "D HeartFailure 2018-01-01, A EmergencyAdmission 2020-03-01, A EmergencyAdmission 2020-04-01", ChronicConditionsHighComplexity),
        ("heart-failure-with-one-emergency-admission", 1945, 7, "D HeartFailure 2018-01-01, A EmergencyAdmission 2020-03-01, A AeAttendance 2020-04-01", ChronicConditionsLowComplexity),
        ("third-register-resolved", 1960, 7, "D Hypertension 2010-01-01, D Diabetes 2011-01-01, D Asthma 2012-01-01, R Asthma 2019-01-01", ChronicConditionsLowComplexity),
        ("infant-with-an-a-and-e-attendance", 2020, 6, "A AeAttendance 2020-09-01", MaternalAndInfantHealth),
        ("infant-on-a-register", 2020, 6, "D Cancer 2020-10-01", ChronicConditionsLowComplexity),
        ("one-year-old-on-the-day", 2020, 1, "", Healthy),
        ("a-and-e-attendance-in-the-last-year", 1990, 4, "A AeAttendance 2020-03-01", AcutelyIll),
        ("emergency-admission-13-months-ago", 1990, 4, "A EmergencyAdmission 2019-12-15", Healthy),
        ("emergency-admission-on-the-day", 1990, 4, "A EmergencyAdmission 2021-01-01", AcutelyIll),
        ("outpatient-appointment-only", 1990, 4, "A Outpatient 2020-06-01", Healthy),
        ("died-before-the-day", 1930, 2, "D Dementia 2018-01-01, X 2020-12-01", null),
        ("nothing-recorded", 1985, 8, "", Healthy),
    ];

    [SkippableTheory, ProviderData]
    public async Task APatientMeetingSeveralRules_IsInTheHighestSegment_AndEveryLivingPatientInExactlyOne(DatabaseProvider provider)
    {
        await using var database = TestDatabase.For(provider);
        var store = database.Store(300, 7);
        var manifest = await store.EnsureReadyAsync(CancellationToken.None);
        await using var db = store.CreateContext();
        var practice = await db.Practices.Select(p => p.Code).OrderBy(c => c).FirstAsync();
        var lsoa = await db.Lsoas.Select(l => l.Code).OrderBy(c => c).FirstAsync();
        db.Patients.AddRange(Population.Select((p, i) => Patient(FirstId + i, p.Name, p.BirthYear, p.BirthMonth, p.Entries, practice, lsoa)));
        await db.SaveChangesAsync();
        // As an ingest does for the patients it adds: their registers held, then their segments.
        int[] added = [.. Enumerable.Range(FirstId, Population.Length)];
        await RegisterRules.WriteRegistersHeldAsync(db, manifest.ReferenceDate, added, CancellationToken.None);
        await SegmentRules.WriteSegmentsAsync(db, manifest.ReferenceDate, added, CancellationToken.None);
        db.ChangeTracker.Clear();

        var segments = await db.PatientSegments
            .Join(db.Patients, s => s.PatientId, p => p.Id, (s, p) => new { p.Id, p.Pseudonym, s.Segment })
            .ToListAsync();

        Assert.Equal(
            Population.Where(p => p.Expected is not null).Select(p => (p.Name, p.Expected!.Value)).Order(),
            segments.Where(s => s.Id >= FirstId).Select(s => (s.Pseudonym, s.Segment)).Order());
        var living = await db.Patients.AliveOn(manifest.ReferenceDate).Select(p => p.Id).OrderBy(id => id).ToListAsync();
        Assert.Equal(living, segments.Select(s => s.Id).Order());
    }

    [Fact]
    public void ThePrecedence_NamesEverySegmentOnce_WithHealthyLast()
    {
        Assert.Equal(Enum.GetValues<BridgesToHealthSegment>().Order(), SegmentRules.Precedence.Order());
        Assert.Equal(Healthy, SegmentRules.Precedence[^1]);
    }

    /// <summary>
    /// A patient with entries "D Register yyyy-MM-dd" (a diagnosis), "R Register yyyy-MM-dd" (resolved), "A ActivityKind yyyy-MM-dd",
    /// "F CareFlagKind yyyy-MM-dd" and "X yyyy-MM-dd" (died).
    /// </summary>
    private static Patient Patient(int id, string name, int birthYear, int birthMonth, string entries, string practice, string lsoa)
    {
        var parts = entries.Split(", ", StringSplitOptions.RemoveEmptyEntries).Select(e => e.Split(' ')).ToList();
        DateOnly Date(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd");
        return new Patient
        {
            Id = id,
            Pseudonym = name,
            PracticeCode = practice,
            LsoaCode = lsoa,
            BirthYear = birthYear,
            BirthMonth = birthMonth,
            Sex = Sex.Female,
            DateOfDeath = parts.Where(e => e[0] == "X").Select(e => (DateOnly?)Date(e[1])).SingleOrDefault(),
            Conditions = [.. parts.Where(e => e[0] is "D" or "R").Select((e, i) => new Condition
            {
                Id = id * 100L + i, PatientId = id, Register = Enum.Parse<ConditionRegister>(e[1]),
                Kind = e[0] == "D" ? ConditionKind.Diagnosis : ConditionKind.Resolved, SnomedCode = "0", OnsetDate = Date(e[2]), CodeList = RegisterCodeList.Version,
            })],
            Activities = [.. parts.Where(e => e[0] == "A").Select((e, i) => new Activity
                { Id = id * 100L + i, PatientId = id, Kind = Enum.Parse<ActivityKind>(e[1]), Date = Date(e[2]) })],
            CareFlags = [.. parts.Where(e => e[0] == "F").Select((e, i) => new CareFlag
                { Id = id * 100L + i, PatientId = id, Kind = Enum.Parse<CareFlagKind>(e[1]), RecordedOn = Date(e[2]) })],
        };
    }
}
