using GraphQL;
using GraphQL.MicrosoftDI;
using GraphQL.Types;
using Phm.Api.Governance;
using Phm.Api.Loading;
using Phm.Data.Governance;
using Phm.Data.Store;

namespace Phm.Api.Deprivation;

public static class DeprivationQueries
{
    public static void AddDeprivationQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<DeprivationGroupType>>>, IReadOnlyList<DeprivationGroup>>("deprivationProfile")
            .Description("How the patients of each PCN or practice alive at the store's reference date spread over the national and local deprivation quintiles, by code.")
            // Analysts see every group under disclosure control; a clinician sees only its own PCN's, exactly.
            .AllowRoles(PhmRoles.Analyst, PhmRoles.Clinician, PhmRoles.Admin)
            .Argument<NonNullGraphType<DeprivationGroupingType>>("groupBy", "Group patients by PCN or by practice.")
            .Resolve()
            .WithServices<PhmDbContext, ReferenceDateLoader>()
            .ResolveAsync(async (context, db, referenceDate) => await DeprivationProfile.BuildAsync(
                db,
                context.GetArgument<DeprivationGrouping>("groupBy"),
                await referenceDate.GetAsync(context.CancellationToken),
                Disclosure.For(context.User),
                context.CancellationToken));
    }
}
