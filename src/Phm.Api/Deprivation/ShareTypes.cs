using GraphQL.Types;
using Phm.Api.Governance;

namespace Phm.Api.Deprivation;

/// <summary>A number of patients and their share of a group, in percent to one decimal place; null where disclosure control suppressed them, with the reason.</summary>
public sealed record PatientShare(int? Patients, double? Percentage, SuppressionReason? Suppression)
{
    public static PatientShare Of(ShownCount patients, ShownCount total) =>
        new(patients.Count, Disclosure.Percentage(patients.Count, total.Count), patients.Suppression);
}

/// <summary>The patients of a group living in one deprivation quintile.</summary>
public sealed record QuintileShare(int Quintile, int? Patients, double? Percentage, SuppressionReason? Suppression)
{
    public static QuintileShare Of(int quintile, ShownCount patients, ShownCount total) =>
        new(quintile, patients.Count, Disclosure.Percentage(patients.Count, total.Count), patients.Suppression);
}

public sealed class PatientShareType : ObjectGraphType<PatientShare>
{
    public PatientShareType()
    {
        Name = "PatientShare";
        Description = "A number of patients and their share of the group.";
        Field(s => s.Patients, nullable: true).Description(DisclosureDescriptions.Patients);
        Field(s => s.Percentage, nullable: true).Description(DisclosureDescriptions.Percentage);
        Field<SuppressionReasonType>("suppression").Description(DisclosureDescriptions.Suppression).Resolve(context => context.Source.Suppression);
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
        Field<SuppressionReasonType>("suppression").Description(DisclosureDescriptions.Suppression).Resolve(context => context.Source.Suppression);
    }
}
