using GraphQL;
using GraphQL.MicrosoftDI;
using GraphQL.Types;
using Phm.Api.Governance;
using Phm.Api.Loading;
using Phm.Api.Practices;
using Phm.Data.Governance;
using Phm.Data.Store;

namespace Phm.Api.Inequality;

public static class InequalityQueries
{
    public static void AddInequalityQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<InequalityType>, InequalityResult>("inequality")
            .Description("A measure by national or local deprivation quintile: numerators, denominators, crude and age-standardised rates with 95% "
                + "intervals, the Q1/Q5 ratio and gap, and the slope and relative indices of inequality.")
            // As deprivationProfile: analysts see every patient under disclosure control; a clinician sees only its own PCN's patients, exactly.
            .AllowRoles(PhmRoles.Analyst, PhmRoles.Clinician, PhmRoles.Admin)
            .Argument<NonNullGraphType<InequalityMeasureInputType>>("measure", "What to compare.")
            .Argument<NonNullGraphType<DeprivationScaleType>>("quintiles", "National or local IMD 2019 quintiles of the patients' LSOAs.")
            .Argument<StringGraphType>("pcn", "Only the patients of this PCN's practices at the reference date.")
            .ValidateArguments(async context =>
            {
                context.GetArgument<InequalityMeasure>("measure").Validate("measure");
                var pcn = context.GetArgument<string?>("pcn");
                PcnNotFoundError.ThrowIfUnknown(
                    await context.RequestServices!.GetRequiredService<StoreReferenceLoader>().GetAsync(context.CancellationToken), "pcn", pcn);
                await PcnScopeArguments.RefuseOutsideAsync(context, [("pcn", pcn, null)]);
            })
            .Resolve()
            .WithServices<PhmDbContext, ReferenceDateLoader>()
            .ResolveAsync(async (context, db, referenceDate) => await InequalityAnalysis.BuildAsync(
                db,
                context.GetArgument<InequalityMeasure>("measure"),
                context.GetArgument<DeprivationScale>("quintiles"),
                context.GetArgument<string?>("pcn"),
                await referenceDate.GetAsync(context.CancellationToken),
                Disclosure.For(context.User),
                context.CancellationToken));
    }
}
