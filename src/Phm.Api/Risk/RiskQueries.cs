using GraphQL;
using GraphQL.MicrosoftDI;
using GraphQL.Types;
using Phm.Api.Governance;
using Phm.Api.Loading;
using Phm.Data.Governance;
using Phm.Data.Risk;
using Phm.Data.Store;

namespace Phm.Api.Risk;

public static class RiskQueries
{
    public static void AddRiskQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<RiskModelType>>>, IReadOnlyList<ScoredModel>>("riskModels")
            .Description("The risk models whose scores the hub holds, by name, with their out-of-time evaluation. No patient data: open to every role.")
            .AllowAnyRole()
            .Resolve()
            .WithService<ScoredModelsLoader>()
            .ResolveAsync(async (context, models) => await models.GetAsync(context.CancellationToken));

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<RiskGroupType>>>, IReadOnlyList<RiskGroup>>("riskDistribution")
            .Description("How one model's scored patients spread over its tiers, with their mean probability, by PCN, practice or deprivation quintile "
                + "(PCNs and practices by code, quintiles 1 to 5).")
            // As deprivationProfile: analysts see every group under disclosure control; a clinician sees only its own PCN's patients, exactly.
            .AllowRoles(PhmRoles.Analyst, PhmRoles.Clinician, PhmRoles.Admin)
            .ModelArgument("Name of the risk model (see riskModels).")
            .Argument<NonNullGraphType<RiskGroupingType>>("groupBy", "Group patients by PCN, practice, or national or local deprivation quintile.")
            .Resolve()
            .WithServices<PhmDbContext, ReferenceDateLoader>()
            .ResolveAsync(async (context, db, referenceDate) => await RiskDistribution.BuildAsync(
                db,
                context.GetArgument<string>("model"),
                context.GetArgument<RiskGrouping>("groupBy"),
                await referenceDate.GetAsync(context.CancellationToken),
                Disclosure.For(context.User),
                context.CancellationToken));
    }
}
