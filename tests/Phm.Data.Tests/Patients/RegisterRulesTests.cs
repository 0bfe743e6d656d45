using Microsoft.EntityFrameworkCore;
using Phm.Data.Ingest;
using Phm.Data.Patients;
using Phm.Data.Store;
using Phm.Data.Tests.Ingest;
using Phm.Data.Terminology;

namespace Phm.Data.Tests.Patients;

/// <summary>Who is on a register on a day: diagnoses, resolutions and the QOF register ages.</summary>
public sealed class RegisterRulesTests
{
    private static readonly DateOnly Day = new(2021, 1, 1);

    [Theory]
    [InlineData("", false)]
    [InlineData("D 2010-05-01", true)]
    [InlineData("D 2021-01-01", true)]                          // diagnosed on the day
    [InlineData("D 2021-01-02", false)]                         // diagnosed after it
    [InlineData("D 2010-05-01, R 2015-01-01", false)]           // resolved
    [InlineData("D 2010-05-01, R 2010-05-01", false)]           // resolved the day it was diagnosed
    [InlineData("D 2010-05-01, R 2021-03-01", true)]            // resolved only after the day
    [InlineData("D 2010-05-01, R 2015-01-01, D 2018-01-01", true)]  // diagnosed again after the resolution
    [InlineData("R 2009-01-01, D 2010-05-01", true)]            // a resolution ends only the diagnoses before it
    [InlineData("D 2010-05-01, D 2012-05-01, R 2015-01-01", false)] // it ends every one of them
    public void APatientsEntries_DecideWhetherTheyAreOnTheRegister(string entries, bool onRegister) =>
        Assert.Equal(onRegister, PatientWith(1950, 1, ConditionRegister.Hypertension, entries).IsOnRegister(ConditionRegister.Hypertension, Day));

    [Fact]
    public void AResolutionOfAnotherRegister_EndsNothing()
    {
        var patient = PatientWith(1950, 1, ConditionRegister.Hypertension, "D 2010-05-01");
        patient.Conditions.Add(Entry(ConditionRegister.Diabetes, ConditionKind.Resolved, new(2015, 1, 1)));

        Assert.True(patient.IsOnRegister(ConditionRegister.Hypertension, Day));
    }

    [Theory]
    [InlineData(ConditionRegister.Asthma, 2015, 1, true)]          // 6 on the day
    [InlineData(ConditionRegister.Asthma, 2015, 2, false)]         // 6 next month
    [InlineData(ConditionRegister.Diabetes, 2004, 1, true)]        // 17
    [InlineData(ConditionRegister.Diabetes, 2004, 2, false)]
    [InlineData(ConditionRegister.Depression, 2003, 1, true)]      // 18
    [InlineData(ConditionRegister.Depression, 2003, 2, false)]
    [InlineData(ConditionRegister.Epilepsy, 2003, 2, false)]
    [InlineData(ConditionRegister.ChronicKidneyDisease, 2003, 2, false)]
    [InlineData(ConditionRegister.Obesity, 2003, 2, false)]
    [InlineData(ConditionRegister.Osteoporosis, 1971, 1, true)]    // 50
    [InlineData(ConditionRegister.Osteoporosis, 1971, 2, false)]
    [InlineData(ConditionRegister.Hypertension, 2020, 12, true)]   // every age
    public void APatientYoungerThanTheRegistersAge_IsNotOnIt_WhateverTheirCodes(ConditionRegister register, int birthYear, int birthMonth, bool onRegister) =>
        Assert.Equal(onRegister, PatientWith(birthYear, birthMonth, register, "D 2020-12-01").IsOnRegister(register, Day));

    [SkippableTheory, ProviderData]
    public async Task TheRule_RunAsSqlThroughEfCore_AgreesWithTheRuleInMemory_ForEveryPatientAndRegister(DatabaseProvider provider)
    {
        await using var hub = await IngestHarness.StartAsync(provider);
        var numbers = TestNhsNumbers.Valid().Take(3).ToArray();
        hub.Write(CsvExtractReader.Patients, "nhs_number,birth_date,sex,ethnic_category,lsoa_code,practice_code",
            $"{numbers[0]},1950-03-09,F,A,E01017139,J82001", $"{numbers[1]},2012-06-01,M,A,E01017139,J82001", $"{numbers[2]},1970-01-01,M,A,E01017139,J82001");
        hub.Write(CsvExtractReader.Conditions, "nhs_number,snomed_code,onset_date",
            $"{numbers[0]},10725009,2015-05-01", $"{numbers[0]},162659009,2020-02-02", $"{numbers[0]},10725009,2022-01-01",
            $"{numbers[1]},195967001,2017-01-01", $"{numbers[1]},35489007,2020-01-01",
            $"{numbers[2]},56267009,2019-01-01", $"{numbers[2]},162660004,2019-01-01");
        await hub.IngestCsvAsync();
        await using var db = hub.Store.CreateContext();
        var patients = await db.Patients.AsNoTracking().Include(p => p.Conditions).ToListAsync();
        DateOnly[] days = [new(2021, 1, 1), new(2026, 1, 1)];

        foreach (var register in Enum.GetValues<ConditionRegister>())
        {
            foreach (var day in days)
            {
                var inSql = await db.Patients.OnRegister(db.Conditions, register, day).Select(p => p.Id).OrderBy(id => id).ToListAsync();
                Assert.Equal(patients.Where(p => p.IsOnRegister(register, day)).Select(p => p.Id).Order(), inSql);
            }
        }
        // The first's hypertension was resolved in 2020 and diagnosed again in 2022; the second (8, then 13) is on the
        // asthma register but never on the depression register (18); the third's asthma resolution ends nothing.
        var ingested = patients.Where(p => numbers.Select(hub.PseudonymOf).Contains(p.Pseudonym)).ToList();
        Assert.Equal(
            [(ConditionRegister.Hypertension, new DateOnly(2026, 1, 1)), (ConditionRegister.Asthma, new DateOnly(2021, 1, 1)), (ConditionRegister.Asthma, new DateOnly(2026, 1, 1)),
                (ConditionRegister.Dementia, new DateOnly(2021, 1, 1)), (ConditionRegister.Dementia, new DateOnly(2026, 1, 1)),
                (ConditionRegister.StrokeTia, new DateOnly(2021, 1, 1)), (ConditionRegister.StrokeTia, new DateOnly(2026, 1, 1))],
            ingested.SelectMany(p => Enum.GetValues<ConditionRegister>().SelectMany(r => days.Where(d => p.IsOnRegister(r, d)).Select(d => (r, d)))));
    }

    /// <summary>A patient with entries of one register written as "D yyyy-MM-dd" (a diagnosis) or "R yyyy-MM-dd" (resolved).</summary>
    private static Patient PatientWith(int birthYear, int birthMonth, ConditionRegister register, string entries)
    {
        var patient = new Patient { Id = 1, Pseudonym = "p", PracticeCode = "J82001", LsoaCode = "E01017139", BirthYear = birthYear, BirthMonth = birthMonth };
        foreach (var entry in entries.Split(", ", StringSplitOptions.RemoveEmptyEntries))
            patient.Conditions.Add(Entry(register, entry[0] == 'D' ? ConditionKind.Diagnosis : ConditionKind.Resolved, DateOnly.ParseExact(entry[2..], "yyyy-MM-dd")));
        return patient;
    }

    private static Condition Entry(ConditionRegister register, ConditionKind kind, DateOnly date) =>
        new() { PatientId = 1, Register = register, Kind = kind, SnomedCode = "0", OnsetDate = date, CodeList = RegisterCodeList.Version };
}
