using Phm.Data.Inequality;
using Phm.Data.Patients;
using Phm.Data.Practices;
using Phm.Data.Store;

namespace Phm.Api.Tests.Inequality;

/// <summary>
/// A hand-made population for inequality: one LSOA in each quintile (national and local alike), each with 200 living patients
/// whose ages follow the European Standard Population exactly (w/500 patients in each five-year band), so that every
/// standardised rate equals its crude rate. On the hypertension register: 30, 24, 20, 16 and 10 of them (15%, 12%, 10%, 8%,
/// 5%). Quintiles 1 to 4 are registered at Alpha (North PCN), quintile 5 at Beta (Central). In quintile 1 three patients
/// had A&amp;E attendances on 31 December 2019 (just outside the last 12 months), 1 March 2020, 15 November 2020 and 1 January
/// 2021 (the reference date, inside them), and one more patient, with hypertension, died on 1 June 2020.
/// </summary>
public static class InequalityPopulation
{
    public static readonly DateOnly ReferenceDate = new(2021, 1, 1);

    public static readonly int[] Hypertensive = [30, 24, 20, 16, 10];

    public const int PerQuintile = 200;

    public static string LsoaOf(int quintile) => $"E0100000{quintile}";

    public static void Seed(PhmDbContext db)
    {
        db.Manifest.Add(new StoreManifest
        {
            GeneratorVersion = "hand-made",
            Seed = 1,
            Population = 1001,
            LocalAuthorityCode = "E06000045",
            ReferenceDate = ReferenceDate,
            BuiltAtUtc = new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero),
        });
        db.Lsoas.AddRange(Enumerable.Range(1, 5).Select(q => SampleData.Lsoa(LsoaOf(q), $"Southampton 00{q}A", 50 - 10 * q, 1000 * q, decile: 2 * q - 1, national: q, local: q)));
        db.Pcns.AddRange(new Pcn { Code = SampleData.North, Name = "North PCN" }, new Pcn { Code = SampleData.Central, Name = "Central PCN" });
        db.Practices.AddRange(
            SampleData.Practice(SampleData.Alpha, "Alpha Surgery", "SO16 1AA", 800, 30.5, (SampleData.North, new(2019, 7, 1), null)),
            SampleData.Practice(SampleData.Beta, "Beta Health Centre", "SO14 2BB", 200, 10.0, (SampleData.Central, new(2019, 7, 1), null)));

        var id = 0;
        for (var quintile = 1; quintile <= 5; quintile++)
        {
            var inQuintile = 0;
            for (var band = 0; band < EuropeanStandardPopulation.Weights.Count; band++)
                for (var i = 0; i < EuropeanStandardPopulation.Weights[band] / 500; i++, inQuintile++)
                {
                    id++;
                    var attender = quintile == 1 && inQuintile < 3;
                    db.Patients.Add(SampleData.Patient(
                        id, $"p{id:D4}", quintile == 5 ? SampleData.Beta : SampleData.Alpha, LsoaOf(quintile), ReferenceDate.Year - (5 * band + 2), 1,
                        i % 2 == 0 ? Sex.Female : Sex.Male, EthnicGroup.White,
                        conditions: inQuintile < Hypertensive[quintile - 1] ? [(ConditionRegister.Hypertension, "38341003", new(2015, 1, 1))] : null,
                        activities: attender
                            ? [(ActivityKind.AeAttendance, new(2019, 12, 31), null), (ActivityKind.AeAttendance, new(2020, 3, 1), null),
                                (ActivityKind.AeAttendance, new(2020, 11, 15), null), (ActivityKind.AeAttendance, new(2021, 1, 1), null)]
                            : null));
                }
        }
        db.Patients.Add(SampleData.Patient(++id, "dead01", SampleData.Alpha, LsoaOf(1), 1940, 1, Sex.Male, EthnicGroup.White, died: new(2020, 6, 1),
            conditions: [(ConditionRegister.Hypertension, "38341003", new(2015, 1, 1))]));
    }
}
