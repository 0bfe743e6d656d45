using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using Phm.Api.Geography;
using Phm.Api.Practices;
using Phm.Api.Risk;
using Phm.Data.Aggregates;
using Phm.Data.Cohorts;
using Phm.Data.Patients;
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
    public async Task ValidateAsync(StoreReference reference, ScoredModelsLoader riskModels, string argument, CancellationToken cancellationToken)
    {
        QuintileOutOfRangeError.ThrowIfOutOfRange($"{argument}.nationalQuintile", NationalQuintile);
        QuintileOutOfRangeError.ThrowIfOutOfRange($"{argument}.localQuintile", LocalQuintile);
        if (AgeFrom < 0)
            throw new AgeRangeInvalidError($"{argument}.ageFrom", "an age cannot be negative.");
        if (AgeTo < 0)
            throw new AgeRangeInvalidError($"{argument}.ageTo", "an age cannot be negative.");
        if (AgeFrom > AgeTo)
            throw new AgeRangeInvalidError($"{argument}.ageFrom", $"ageFrom ({AgeFrom}) is greater than ageTo ({AgeTo}).");
        PcnNotFoundError.ThrowIfUnknown(reference, $"{argument}.pcn", Pcn);
        PracticeNotFoundError.ThrowIfUnknown(reference, $"{argument}.practice", Practice);
        LsoaNotFoundError.ThrowIfUnknown(reference, $"{argument}.lsoa", Lsoa);
        if (Risk is not null)
            await Risk.ValidateAsync(riskModels, $"{argument}.risk", cancellationToken);
    }

    /// <summary>
    /// The patients meeting every criterion; PCN membership, ages and registers are taken at <paramref name="referenceDate"/>. With
    /// <paramref name="parameters"/> (a compiled query's, <see cref="CompiledPatientPages"/>), the practice is one the scope lists
    /// (<see cref="PhmDbContext.ScopeListsPractice"/>, checked by the caller) and the criteria's values are those parameters.
    /// </summary>
    public IQueryable<Patient> Apply(PhmDbContext db, DateOnly referenceDate, CohortPredicates.LeafParameters? parameters = null)
    {
        // The patients keep their scope filter (narrowed to the practice asked for, when the scope lists it): Meeting lifts only
        // the risk scores' named one (EF Core's IgnoreQueryFilters without names, anywhere in a query, lifts every filter of the
        // whole query, so leaving the scope off the records left it off the patients returned).
        var patients = Practice is null ? db.Patients
            : parameters?.Practice is { } practice ? db.PatientsOfListedPractice(practice)
            : db.PatientsOf(Practice);
        return ToCriteria() is { All: [] } ? patients : patients.Meeting(ToCriteria(), db, referenceDate, parameters: parameters);
    }

    /// <summary>
    /// The number of patients meeting the filter added up from the kept cells (<see cref="RiskScoreCell"/>, under the context's
    /// scope as the patients are) when the filter is one model's score alone, optionally its tiers: the cells count every scored
    /// patient by practice, LSOA and tier, kept equal to the scores at scoring and ingest. Counted from the scores instead, a PCN's
    /// two highest tiers at 2,000,000 patients hashed 96,748 scores against the PCN's 229,675 patients on every page. Null for any
    /// other filter, which is counted from the patients.
    /// </summary>
    public Func<CancellationToken, Task<int>>? CountFromKeptCells(PhmDbContext db)
    {
        if (this != new PatientFilter(Risk: Risk) || Risk is not { MinPercentile: null } risk)
            return null;
        var cells = db.RiskScoreCells.AsNoTracking().Where(c => c.Model == risk.Model);
        if (risk.Tiers is { } tiers)
            cells = cells.Where(c => tiers.Contains(c.Tier));
        return cancellationToken => cells.SumAsync(c => c.Patients, cancellationToken);
    }

    /// <summary>The filter in the cohort criteria language: every criterion given, under one <c>all</c>.</summary>
    public CohortCriteria ToCriteria()
    {
        List<CohortCriteria> all = [];
        if (Pcn is not null)
            all.Add(new() { Pcn = Pcn });
        if (Practice is not null)
            all.Add(new() { Practice = Practice });
        if (Lsoa is not null)
            all.Add(new() { Lsoa = Lsoa });
        if (NationalQuintile is { } national)
            all.Add(new() { NationalQuintiles = [national] });
        if (LocalQuintile is { } local)
            all.Add(new() { LocalQuintiles = [local] });
        if (AgeFrom is not null || AgeTo is not null)
            all.Add(new() { Age = new NumberRange(AgeFrom, AgeTo) });
        if (Sex is { } sex)
            all.Add(new() { Sex = sex });
        if (Alive is { } alive)
            all.Add(new() { Alive = alive });
        all.AddRange((Registers ?? []).Select(register => new CohortCriteria { Register = new RegisterCriterion(register) }));
        if (Risk is not null)
            all.Add(new() { Risk = Risk.ToCriterion() });
        return CohortCriteria.AllOf(all);
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
