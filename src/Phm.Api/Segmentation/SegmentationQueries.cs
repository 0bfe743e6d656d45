using GraphQL;
using GraphQL.MicrosoftDI;
using GraphQL.Types;
using Phm.Api.Governance;
using Phm.Api.Loading;
using Phm.Api.Practices;
using Phm.Data.Governance;
using Phm.Data.Store;

namespace Phm.Api.Segmentation;

public static class SegmentationQueries
{
    public static void AddSegmentationQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<SegmentationType>, SegmentationResult>("segmentation")
            .Description("The living patients at the store's reference date by Bridges to Health segment, crossed with age band, sex, deprivation quintile, "
                + "PCN or practice, with each cell's rate per 1,000 of its group.")
            // As deprivationProfile: analysts see every group under disclosure control; a clinician sees only its own PCN's patients, exactly.
            .AllowRoles(PhmRoles.Analyst, PhmRoles.Clinician, PhmRoles.Admin)
            .Argument<ListGraphType<NonNullGraphType<SegmentationDimensionType>>>("by", arg =>
            {
                arg.Description = "The dimensions to cross the segments with, in any order; none gives the segments of everyone.";
                arg.DefaultValue = Array.Empty<SegmentationDimension>();
            })
            .Argument<StringGraphType>("pcn", "ODS code of a PCN: only the patients registered at its practices at the reference date. A clinician may name only its own.")
            .ValidateArguments(async context =>
            {
                if (context.GetArgument<string?>("pcn") is not { } pcn)
                    return;
                await PcnScopeArguments.RefuseOutsideAsync(context, [("pcn", pcn, null)]);
                PcnNotFoundError.ThrowIfUnknown(
                    await context.RequestServices!.GetRequiredService<StoreReferenceLoader>().GetAsync(context.CancellationToken), "pcn", pcn);
            })
            .Resolve()
            .WithServices<PhmDbContext, ReferenceDateLoader>()
            .ResolveAsync(async (context, db, referenceDate) => await SegmentationTable.BuildAsync(
                db,
                [.. (context.GetArgument<List<SegmentationDimension>?>("by") ?? []).Distinct()],
                context.GetArgument<string?>("pcn"),
                await referenceDate.GetAsync(context.CancellationToken),
                Disclosure.For(context.User),
                context.CancellationToken));
    }
}
