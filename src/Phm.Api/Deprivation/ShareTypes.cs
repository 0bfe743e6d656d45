using GraphQL.Types;
using Phm.Api.Governance;

namespace Phm.Api.Deprivation;

/// <summary>A number of patients and their share of a group, in percent to one decimal place; null where disclosure control suppressed them.</summary>
public sealed record PatientShare(int? Patients, double? Percentage)
{
    public static PatientShare Of(int patients, int total, DisclosureControl control)
    {
        var shown = Disclosure.Count(patients, control);
        return new(shown, Disclosure.Percentage(shown, Disclosure.Count(total, control)));
    }
}

/// <summary>The patients of a group living in one deprivation quintile.</summary>
public sealed record QuintileShare(int Quintile, int? Patients, double? Percentage);

public sealed class PatientShareType : ObjectGraphType<PatientShare>
{
    public PatientShareType()
    {
        Name = "PatientShare";
        Description = "A number of patients and their share of the group.";
        Field(s => s.Patients, nullable: true).Description(DisclosureDescriptions.Patients);
        Field(s => s.Percentage, nullable: true).Description(DisclosureDescriptions.Percentage);
    }
}

public sealed class QuintileShareType : ObjectGraphType<QuintileShare>
{
    public QuintileShareType()
    {
        Name = "QuintileShare";
        Description = "The patients of a group who live in LSOAs of one deprivation quintile.";
        Field(s => s.Quintile).Description("The quintile: 1 is the most deprived fifth, 5 the least.");
        Field(s => s.Patients, nullable: true).Description(DisclosureDescriptions.Patients);
        Field(s => s.Percentage, nullable: true).Description(DisclosureDescriptions.Percentage);
    }
}

internal static class DisclosureDescriptions
{
    public const string Rule = "For analysts: null when 1 to 7 (suppressed), otherwise rounded to the nearest 5.";
    public const string Patients = "Number of patients. " + Rule;
    public const string Percentage = "Percentage of the group's patients, to one decimal place; for analysts computed from the rounded counts, null when suppressed.";
}
