using System.Globalization;
using GraphQL;
using GraphQL.Builders;
using GraphQL.MicrosoftDI;
using GraphQL.Types;
using Phm.Api.Geography;
using Phm.Api.Impactability;
using Phm.Api.Loading;
using Phm.Api.Practices;
using Phm.Api.Risk;
using Phm.Api.Transport;
using Phm.Data.Geography;
using Phm.Data.Patients;
using Phm.Data.Practices;
using Phm.Data.Risk;

namespace Phm.Api.Patients;

public sealed class PatientType : ObjectGraphType<Patient>
{
    public PatientType()
    {
        Name = "Patient";
        Description = "A pseudonymised patient. The hub holds no direct identifier: no name, NHS number, address or exact date of birth.";
        Field<NonNullGraphType<IdGraphType>>("id")
            .Description("The patient's pseudonym: opaque and stable, re-identifiable only by the registering practice.")
            .Resolve(context => context.Source.Pseudonym);
        Field<NonNullGraphType<StringGraphType>>("birthYearMonth")
            .Description("Year and month of birth, e.g. 1956-03; the day is not held.")
            .Resolve(context => string.Create(CultureInfo.InvariantCulture, $"{context.Source.BirthYear:D4}-{context.Source.BirthMonth:D2}"));
        Field<NonNullGraphType<IntGraphType>, int>("age")
            .Description("Age in whole years at the store's reference date (for a patient who died before it, the age they would have reached), taking birthdays as the 1st of the birth month.")
            .Resolve()
            .WithService<ReferenceDateLoader>()
            .ResolveAsync(async (context, referenceDate) => context.Source.AgeOn(await referenceDate.GetAsync(context.CancellationToken)));
        Field<NonNullGraphType<AgeBandType>, AgeBand>("ageBand")
            .Description("The hub's age band (see AgeBand) of age at the store's reference date: what a worklist shows instead of the exact age.")
            .Resolve()
            .WithService<ReferenceDateLoader>()
            .ResolveAsync(async (context, referenceDate) => AgeBands.Of(context.Source.AgeOn(await referenceDate.GetAsync(context.CancellationToken))));
        Field<NonNullGraphType<SexType>>("sex").Description("Sex recorded at the practice.").Resolve(context => context.Source.Sex);
        Field<NonNullGraphType<EthnicGroupType>>("ethnicGroup").Description("Ethnic group (ONS 2011 high-level groups).").Resolve(context => context.Source.EthnicGroup);
        Field(p => p.DateOfDeath, nullable: true).Description("Date of death; null while the patient is alive.");
        Field<NonNullGraphType<PracticeType>, Practice?>("practice")
            .Description("The practice the patient is registered at.")
            .Resolve()
            .WithService<PracticeByCodeLoader>()
            .ResolveAsync((context, loader) => loader.LoadAsync(context.Source.PracticeCode));
        Field<NonNullGraphType<LsoaType>, Lsoa?>("lsoa")
            .Description("The LSOA the patient lives in, which places them in a deprivation quintile.")
            .Resolve()
            .WithService<LsoaByCodeLoader>()
            .ResolveAsync((context, loader) => loader.LoadAsync(context.Source.LsoaCode));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ConditionType>>>, IReadOnlyList<Condition>?>("conditions")
            .Description("Long-term condition register entries, diagnoses and resolutions, by date.")
            .Resolve()
            .WithService<ConditionsByPatientLoader>()
            .ResolveAsync((context, loader) => loader.LoadAsync(context.Source));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CareFlagType>>>, IReadOnlyList<CareFlag>?>("careFlags")
            .Description("Care-planning flags, by the date recorded.")
            .Resolve()
            .WithService<CareFlagsByPatientLoader>()
            .ResolveAsync((context, loader) => loader.LoadAsync(context.Source.Id));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ActivityType>>>, IReadOnlyList<Activity>?>("activity")
            .Description("Contacts with health and care services, by date.")
            .Argument<ActivityKindType>("kind", "Only contacts of this kind.")
            .PeriodArguments("contacts")
            .Resolve()
            .WithService<ActivitiesByPatientLoader>()
            .ResolveAsync((context, loader) => loader.LoadAsync(new(context.Source.Id, new ActivityWindow(context.GetArgument<ActivityKind?>("kind"), ReadPeriod(context)))));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ActivityCountType>>>, IReadOnlyList<ActivityCount>?>("activityCounts")
            .Description("Number of contacts with each kind of service (every kind, zeros included).")
            .PeriodArguments("contacts")
            .Resolve()
            .WithService<ActivityCountsByPatientLoader>()
            .ResolveAsync((context, loader) => loader.LoadAsync(new(context.Source.Id, new ActivityWindow(null, ReadPeriod(context)))));
        Field<PatientRiskType, RiskScore?>("risk")
            .Description("The patient's score from a risk model as of the reference date; null if the model did not score the patient (died before it).")
            .ModelArgument("Name of the risk model (see riskModels), e.g. emergency-admission-12m.")
            .Resolve()
            .WithService<RiskScoreByPatientLoader>()
            .ResolveAsync((context, loader) => loader.LoadAsync(new(context.Source.Id, context.GetArgument<string>("model"))));
        Field<NonNullGraphType<IntGraphType>, int>("medicinesPrescribed")
            .Description("Number of distinct medicines (dm+d codes) prescribed: the usual measure of polypharmacy. Counts what ingest loaded from prescribing records; the generated population has none.")
            .PeriodArguments("prescriptions issued")
            .Resolve()
            .WithService<MedicineCountsByPatientLoader>()
            .ResolveAsync((context, loader) => loader.LoadAsync(new(context.Source.Id, ReadPeriod(context))));
        Field<NonNullGraphType<IntGraphType>, int>("proceduresPerformed")
            .Description("Number of procedures performed (SNOMED CT coded). Counts what ingest loaded; the generated population has none.")
            .PeriodArguments("procedures performed")
            .Resolve()
            .WithService<ProcedureCountsByPatientLoader>()
            .ResolveAsync((context, loader) => loader.LoadAsync(new(context.Source.Id, ReadPeriod(context))));
        this.AddImpactabilityField();
    }

    private static DatePeriod ReadPeriod(IResolveFieldContext context) =>
        new(context.GetArgument<DateOnly?>("from"), context.GetArgument<DateOnly?>("to"));
}

internal static class PeriodFieldExtensions
{
    /// <summary>Adds the <c>from</c> and <c>to</c> arguments of a period of <paramref name="records"/>, checked before the query runs.</summary>
    public static FieldBuilder<Patient, TReturn> PeriodArguments<TReturn>(this FieldBuilder<Patient, TReturn> field, string records) => field
        .Argument<DateOnlyGraphType>("from", $"Only {records} on or after this date.")
        .Argument<DateOnlyGraphType>("to", $"Only {records} on or before this date.")
        .ValidateArguments(context => new DatePeriod(context.GetArgument<DateOnly?>("from"), context.GetArgument<DateOnly?>("to")).Validate())
        .ArgumentChecksReadOnlyReferenceData();
}
