using GraphQL.Types;

namespace Phm.Api.Deprivation;

/// <summary>A number of patients and their share of a group, in percent to one decimal place.</summary>
public sealed record PatientShare(int Patients, double Percentage)
{
    public static PatientShare Of(int patients, int total) =>
        new(patients, total == 0 ? 0 : Math.Round(100.0 * patients / total, 1, MidpointRounding.AwayFromZero));
}

/// <summary>The patients of a group living in one deprivation quintile.</summary>
public sealed record QuintileShare(int Quintile, int Patients, double Percentage);

public sealed class PatientShareType : ObjectGraphType<PatientShare>
{
    public PatientShareType()
    {
        Name = "PatientShare";
        Description = "A number of patients and their share of the group.";
        Field(s => s.Patients).Description("Number of patients.");
        Field(s => s.Percentage).Description("Percentage of the group's patients, to one decimal place.");
    }
}

public sealed class QuintileShareType : ObjectGraphType<QuintileShare>
{
    public QuintileShareType()
    {
        Name = "QuintileShare";
        Description = "The patients of a group who live in LSOAs of one deprivation quintile.";
        Field(s => s.Quintile).Description("The quintile: 1 is the most deprived fifth, 5 the least.");
        Field(s => s.Patients).Description("Number of patients.");
        Field(s => s.Percentage).Description("Percentage of the group's patients, to one decimal place.");
    }
}
