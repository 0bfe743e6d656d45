using GraphQL;
using GraphQL.MicrosoftDI;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using Phm.Api.Governance;
using Phm.Api.Transport;
using Phm.Data.Geography;
using Phm.Data.Store;

namespace Phm.Api.Geography;

public static class GeographyQueries
{
    public static void AddGeographyQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<LsoaType>>>, List<Lsoa>>("lsoas")
            .Description("LSOAs of the hub's local authority and of the neighbouring areas its patients live in, by code.")
            .AllowAnyRole()
            .Argument<LsoaFilterInputType>("filter", "Only LSOAs matching these criteria.")
            .ValidateArguments(context => context.GetArgument<LsoaFilter?>("filter")?.Validate("filter"))
            .ArgumentChecksReadOnlyReferenceData()
            .Resolve()
            .WithService<PhmDbContext>()
            .ResolveAsync(async (context, db) =>
            {
                var filter = context.GetArgument<LsoaFilter?>("filter") ?? new LsoaFilter();
                return await filter.Apply(db.Lsoas.AsNoTracking()).OrderBy(l => l.Code).ToListAsync(context.CancellationToken);
            });
    }
}
