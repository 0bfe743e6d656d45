using GraphQL.Types;
using Phm.Api.Deprivation;
using Phm.Api.Governance;
using Phm.Api.Patients;

namespace Phm.Api.Segmentation;

public sealed class SegmentationType : ObjectGraphType<SegmentationResult>
{
    public SegmentationType()
    {
        Name = "Segmentation";
        Description = "The living patients at the store's reference date by Bridges to Health segment, crossed with the dimensions asked.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SegmentationGroupType>>>>("groups")
            .Description("Each combination of the dimension values that has patients, with its patients of every segment: the population of its cells' rates. "
                + "One group of everyone when no dimension is asked.")
            .Resolve(context => context.Source.Groups);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SegmentationCellType>>>>("cells")
            .Description("One cell per group and segment, zeros included, in the order of the groups then of the segments.")
            .Resolve(context => context.Source.Cells);
    }
}

public sealed class SegmentationGroupType : ObjectGraphType<SegmentationGroup>
{
    public SegmentationGroupType()
    {
        Name = "SegmentationGroup";
        Description = "The patients sharing one combination of the dimension values asked, of every segment.";
        SegmentationFields.AddDimensions(this, g => g.Key);
        this.AddDisclosedCount("patients", g => g.Patients, "Living patients in the group.");
    }
}

public sealed class SegmentationCellType : ObjectGraphType<SegmentationCell>
{
    public SegmentationCellType()
    {
        Name = "SegmentationCell";
        Description = "The patients of one group in one segment.";
        Field<NonNullGraphType<BridgesToHealthSegmentType>>("segment").Description("The segment.").Resolve(context => context.Source.Segment);
        SegmentationFields.AddDimensions(this, c => c.Group.Key);
        this.AddDisclosedCount("patients", c => c.Patients, "Living patients of the group in the segment.");
        Field(c => c.RatePerThousand, nullable: true)
            .Description("Patients in the segment per 1,000 patients of the group, to one decimal place; for analysts worked out from the counts as shown, "
                + "null when the cell's or the group's count is suppressed.");
    }
}

/// <summary>The fields groups and cells share: the dimension values.</summary>
internal static class SegmentationFields
{
    public static void AddDimensions<T>(ObjectGraphType<T> type, Func<T, SegmentationGroupKey> keyOf)
    {
        type.Field<AgeBandType>("ageBand").Description("The age band at the reference date; null unless AGE_BAND is asked.").Resolve(context => keyOf(context.Source).AgeBand);
        type.Field<SexType>("sex").Description("The sex; null unless SEX is asked.").Resolve(context => keyOf(context.Source).Sex);
        type.Field<IntGraphType>("nationalQuintile")
            .Description("The national IMD 2019 quintile of the patients' LSOA, 1 (most deprived) to 5; null unless NATIONAL_QUINTILE is asked.")
            .Resolve(context => keyOf(context.Source).NationalQuintile);
        type.Field<IntGraphType>("localQuintile")
            .Description("The local IMD 2019 quintile of the patients' LSOA, 1 (most deprived) to 5; null unless LOCAL_QUINTILE is asked, and for patients living outside the local authority.")
            .Resolve(context => keyOf(context.Source).LocalQuintile);
        type.Field<OdsOrganisationType>("pcn")
            .Description("The PCN of the patients' practice at the reference date; null unless PCN is asked, and for a practice in no PCN then.")
            .Resolve(context => keyOf(context.Source).Pcn);
        type.Field<OdsOrganisationType>("practice").Description("The patients' practice; null unless PRACTICE is asked.").Resolve(context => keyOf(context.Source).Practice);
    }
}
