using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using Phm.Data.Store;

namespace Phm.Api.Practices;

public static class PracticeQueries
{
    public static void AddPracticeQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<PcnType>>>>("pcns")
            .Description("Primary Care Networks, by code.")
            .ResolveAsync(async context =>
            {
                var db = context.RequestServices!.GetRequiredService<PhmDbContext>();
                return await db.Pcns.AsNoTracking().OrderBy(p => p.Code).ToListAsync(context.CancellationToken);
            });
    }
}
