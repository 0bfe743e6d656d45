using System.Globalization;
using Phm.Web.Shared;

namespace Phm.Web.Segmentation;

/// <summary>The <c>SegmentationMatrix</c> operation's data.</summary>
public sealed record SegmentationMatrixData(SegmentationFigures Segmentation);

public sealed record SegmentationFigures(IReadOnlyList<SegmentationGroup> Groups, IReadOnlyList<SegmentationCell> Cells)
{
    /// <summary>The group's cell of <paramref name="segment"/>; null if the hub sent none.</summary>
    public SegmentationCell? Cell(SegmentationGroup group, string segment) =>
        Cells.FirstOrDefault(c => c.Segment == segment && c.Key == group.Key);
}

public sealed record Organisation(string Code, string Name);

/// <summary>One combination of the dimensions asked: a row of the matrix.</summary>
public sealed record SegmentationGroup(
    string? AgeBand, string? Sex, int? NationalQuintile, int? LocalQuintile, Organisation? Pcn, Organisation? Practice,
    int? Patients, string? Suppression)
{
    public string Key => SegmentationKey.Of(AgeBand, Sex, NationalQuintile, LocalQuintile, Pcn, Practice);

    /// <summary>The row's heading: its dimension values in words, or "Everyone".</summary>
    public string Label
    {
        get
        {
            var parts = new List<string>();
            if (AgeBand is not null)
                parts.Add("Aged " + Display.AgeBand(AgeBand));
            if (Sex is not null)
                parts.Add(Display.Words(Sex));
            if (NationalQuintile is not null)
                parts.Add("National quintile " + Display.Quintile(NationalQuintile));
            if (LocalQuintile is not null)
                parts.Add("Local quintile " + Display.Quintile(LocalQuintile));
            if (Pcn is not null)
                parts.Add(Pcn.Name);
            if (Practice is not null)
                parts.Add(Practice.Name);
            return parts.Count == 0 ? "Everyone" : string.Join(", ", parts);
        }
    }
}

/// <summary>The patients of one group in one segment.</summary>
public sealed record SegmentationCell(
    string? AgeBand, string? Sex, int? NationalQuintile, int? LocalQuintile, Organisation? Pcn, Organisation? Practice,
    string Segment, int? Patients, double? RatePerThousand, string? Suppression)
{
    public string Key => SegmentationKey.Of(AgeBand, Sex, NationalQuintile, LocalQuintile, Pcn, Practice);
}

internal static class SegmentationKey
{
    public static string Of(string? ageBand, string? sex, int? national, int? local, Organisation? pcn, Organisation? practice) =>
        string.Join('|', ageBand, sex, national?.ToString(CultureInfo.InvariantCulture), local?.ToString(CultureInfo.InvariantCulture), pcn?.Code, practice?.Code);
}
