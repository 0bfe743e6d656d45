using GraphQL;
using GraphQL.MicrosoftDI;
using GraphQL.Types;
using Phm.Api.Governance;
using Phm.Api.Loading;
using Phm.Api.Transport;
using Phm.Data.Practices;

namespace Phm.Api.Practices;

public static class PracticeQueries
{
    public static void AddPracticeQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<PcnType>>>, IReadOnlyList<Pcn>>("pcns")
            .Description("Primary Care Networks, by code.")
            .AllowAnyRole()
            .Resolve()
            .WithService<StoreReferenceLoader>()
            .ResolveAsync(async (context, reference) => (await reference.GetAsync(context.CancellationToken)).Pcns);

        query.Field<NonNullGraphType<PcnType>, Pcn?>("pcn")
            .Description("One Primary Care Network.")
            .AllowAnyRole()
            .Argument<NonNullGraphType<StringGraphType>>("code", "ODS code of the PCN.")
            .ValidateArguments(async context => PcnNotFoundError.ThrowIfUnknown(
                await context.RequestServices!.GetRequiredService<StoreReferenceLoader>().GetAsync(context.CancellationToken), "code", context.GetArgument<string>("code")))
            .ArgumentChecksReadOnlyReferenceData()
            .Resolve()
            .WithService<PcnByCodeLoader>()
            .ResolveAsync((context, loader) => loader.LoadAsync(context.GetArgument<string>("code")));

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<PracticeType>>>, IReadOnlyList<Practice>>("practices")
            .Description("GP practices, by code.")
            .AllowAnyRole()
            .Resolve()
            .WithService<StoreReferenceLoader>()
            .ResolveAsync(async (context, reference) => (await reference.GetAsync(context.CancellationToken)).Practices);

        query.Field<NonNullGraphType<PracticeType>, Practice?>("practice")
            .Description("One GP practice.")
            .AllowAnyRole()
            .Argument<NonNullGraphType<StringGraphType>>("code", "ODS code of the practice.")
            .ValidateArguments(async context => PracticeNotFoundError.ThrowIfUnknown(
                await context.RequestServices!.GetRequiredService<StoreReferenceLoader>().GetAsync(context.CancellationToken), "code", context.GetArgument<string>("code")))
            .ArgumentChecksReadOnlyReferenceData()
            .Resolve()
            .WithService<PracticeByCodeLoader>()
            .ResolveAsync((context, loader) => loader.LoadAsync(context.GetArgument<string>("code")));
    }
}
