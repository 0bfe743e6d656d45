using Microsoft.EntityFrameworkCore;
using GraphQL.Types;
using Phm.Api.Geography;
using Phm.Api.Practices;
using Phm.Api.Risk;
using Phm.Data.Patients;
using Phm.Data.Practices;
using Phm.Data.Store;

namespace Phm.Api.Patients;

/// <summary>Which patients to list; unset criteria match every patient.</summary>
public sealed record PatientFilter(
    string? Pcn = null,
    string? Practice = null,
    string? Lsoa = null,
    int? NationalQuintile = null,
    int? LocalQuintile = null,
    int? AgeFrom = null,
    int? AgeTo = null,
    Sex? Sex = null,
    bool? Alive = null,
    ConditionRegister[]? Registers = null,
    RiskFilter? Risk = null)
{
    /// <summary>Rejects criteria no patient could meet because they are malformed or name nothing in the store.</summary>
    public async Task ValidateAsync(PhmDbContext db, ScoredModelsLoader riskModels, string argument, CancellationToken cancellationToken)
    {
        QuintileOutOfRangeError.ThrowIfOutOfRange($"{argument}.nationalQuintile", NationalQuintile);
        QuintileOutOfRangeError.ThrowIfOutOfRange($"{argument}.localQuintile", LocalQuintile);
        if (AgeFrom < 0)
            throw new AgeRangeInvalidError($"{argument}.ageFrom", "an age cannot be negative.");
        if (AgeTo < 0)
            throw new AgeRangeInvalidError($"{argument}.ageTo", "an age cannot be negative.");
        if (AgeFrom > AgeTo)
            throw new AgeRangeInvalidError($"{argument}.ageFrom", $"ageFrom ({AgeFrom}) is greater than ageTo ({AgeTo}).");
        await PcnNotFoundError.ThrowIfUnknownAsync(db, $"{argument}.pcn", Pcn, cancellationToken);
        await PracticeNotFoundError.ThrowIfUnknownAsync(db, $"{argument}.practice", Practice, cancellationToken);
        await LsoaNotFoundError.ThrowIfUnknownAsync(db, $"{argument}.lsoa", Lsoa, cancellationToken);
        if (Risk is not null)
            await Risk.ValidateAsync(riskModels, $"{argument}.risk", cancellationToken);
    }

    /// <summary>The patients meeting every criterion; PCN membership, ages and registers are taken at <paramref name="referenceDate"/>.</summary>
    public IQueryable<Patient> Apply(PhmDbContext db, DateOnly referenceDate)
    {
        var patients = db.Patients.AsQueryable();
        if (Pcn is not null)
        {
            var practices = db.PcnMemberships.ValidOn(referenceDate).Where(m => m.PcnCode == Pcn).Select(m => m.PracticeCode);
            patients = patients.Where(p => practices.Contains(p.PracticeCode));
        }
        if (Practice is not null)
            patients = patients.Where(p => p.PracticeCode == Practice);
        if (Lsoa is not null)
            patients = patients.Where(p => p.LsoaCode == Lsoa);
        if (NationalQuintile is not null || LocalQuintile is not null)
        {
            var lsoas = new LsoaFilter(NationalQuintile, LocalQuintile).Apply(db.Lsoas).Select(l => l.Code);
            patients = patients.Where(p => lsoas.Contains(p.LsoaCode));
        }

        // Age in whole years is the number of whole twelve-month spans from the birth month to the reference month.
        var referenceMonth = referenceDate.Year * 12 + referenceDate.Month;
        if (AgeFrom is { } from)
            patients = patients.Where(p => p.BirthYear * 12 + p.BirthMonth <= referenceMonth - 12 * from);
        if (AgeTo is { } to)
            patients = patients.Where(p => p.BirthYear * 12 + p.BirthMonth > referenceMonth - 12 * (to + 1));
        if (Sex is { } sex)
            patients = patients.Where(p => p.Sex == sex);
        if (Alive is { } alive)
            patients = alive ? patients.AliveOn(referenceDate) : patients.DeadBy(referenceDate);
        // The register entries are read through the scoped context too: EF Core's IgnoreQueryFilters, anywhere in a query,
        // lifts the filters of the whole query, so leaving the scope off the entries left it off the patients returned.
        foreach (var register in Registers ?? [])
            patients = patients.OnRegister(db.Conditions, register, referenceDate);
        if (Risk is not null)
            patients = Risk.Apply(patients, db);
        return patients;
    }
}

public sealed class PatientFilterInputType : InputObjectGraphType<PatientFilter>
{
    public PatientFilterInputType()
    {
        Name = "PatientFilter";
        Description = "Criteria on patients; all given criteria must hold. PCN membership, ages and registers are taken at the store's reference date.";
        Field(f => f.Pcn, nullable: true)
            .Description("ODS code of a PCN: patients registered at the practices that are its members at the reference date.");
        Field(f => f.Practice, nullable: true).Description("ODS code of the practice the patient is registered at.");
        Field(f => f.Lsoa, nullable: true).Description("ONS code of the LSOA the patient lives in.");
        Field(f => f.NationalQuintile, nullable: true).Description("National IMD 2019 quintile of the patient's LSOA, 1 (most deprived) to 5.");
        Field(f => f.LocalQuintile, nullable: true)
            .Description("Local IMD 2019 quintile of the patient's LSOA, 1 (most deprived) to 5; patients living outside the local authority have none.");
        Field(f => f.AgeFrom, nullable: true).Description("Youngest age in whole years, inclusive.");
        Field(f => f.AgeTo, nullable: true).Description("Oldest age in whole years, inclusive.");
        Field<SexType>("sex").Description("Sex recorded at the practice.");
        Field(f => f.Alive, nullable: true).Description("True for patients alive at the reference date, false for those who had died by then.");
        Field<ListGraphType<NonNullGraphType<ConditionRegisterType>>>("registers")
            .Description("Condition registers the patient must all be on: old enough for each (QOF register ages), with a diagnosis recorded by the reference date and not resolved since.");
        Field<RiskFilterInputType>("risk").Description("The patient's score from a risk model: its tier or percentile. Needed by orderBy: RISK_DESC, which takes its model.");
    }
}
