using GraphQL;
using GraphQL.MicrosoftDI;
using GraphQL.Types;
using Phm.Api.Governance;
using Microsoft.EntityFrameworkCore;
using Phm.Data.Practices;
using Phm.Data.Store;

namespace Phm.Api.Practices;

public static class PracticeQueries
{
    public static void AddPracticeQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<PcnType>>>, List<Pcn>>("pcns")
            .Description("Primary Care Networks, by code.")
            .AllowAnyRole()
            .Resolve()
            .WithService<PhmDbContext>()
            .ResolveAsync(async (context, db) => await db.Pcns.AsNoTracking().OrderBy(p => p.Code).ToListAsync(context.CancellationToken));

        query.Field<NonNullGraphType<PcnType>, Pcn?>("pcn")
            .Description("One Primary Care Network.")
            .AllowAnyRole()
            .Argument<NonNullGraphType<StringGraphType>>("code", "ODS code of the PCN.")
            .ValidateArguments(async context => await PcnNotFoundError.ThrowIfUnknownAsync(
                context.RequestServices!.GetRequiredService<PhmDbContext>(), "code", context.GetArgument<string>("code"), context.CancellationToken))
            .Resolve()
            .WithService<PcnByCodeLoader>()
            .ResolveAsync((context, loader) => loader.LoadAsync(context.GetArgument<string>("code")));

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<PracticeType>>>, List<Practice>>("practices")
            .Description("GP practices, by code.")
            .AllowAnyRole()
            .Resolve()
            .WithService<PhmDbContext>()
            .ResolveAsync(async (context, db) => await db.Practices.AsNoTracking().OrderBy(p => p.Code).ToListAsync(context.CancellationToken));

        query.Field<NonNullGraphType<PracticeType>, Practice?>("practice")
            .Description("One GP practice.")
            .AllowAnyRole()
            .Argument<NonNullGraphType<StringGraphType>>("code", "ODS code of the practice.")
            .ValidateArguments(async context => await PracticeNotFoundError.ThrowIfUnknownAsync(
                context.RequestServices!.GetRequiredService<PhmDbContext>(), "code", context.GetArgument<string>("code"), context.CancellationToken))
            .Resolve()
            .WithService<PracticeByCodeLoader>()
            .ResolveAsync((context, loader) => loader.LoadAsync(context.GetArgument<string>("code")));
    }
}
