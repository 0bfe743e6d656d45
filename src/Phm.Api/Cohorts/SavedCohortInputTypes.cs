using GraphQL.Types;
using Phm.Data.Cohorts;

namespace Phm.Api.Cohorts;

/// <summary>A new cohort as the client sends it: the criteria as the same input evaluateCohort takes, stored as versioned JSON (<see cref="CohortCriteriaJson"/>).</summary>
public sealed record SaveCohortInput(string Name, string? Description, CohortCriteria Criteria, string? Pcn)
{
    public CohortContent Content => new(Name, Description, CohortCriteriaJson.Write(Criteria));
}

/// <summary>The next version of a cohort: its scope stays, everything else may change.</summary>
public sealed record ReviseCohortInput(string Name, string? Description, CohortCriteria Criteria)
{
    public CohortContent Content => new(Name, Description, CohortCriteriaJson.Write(Criteria));
}

public sealed class SaveCohortInputType : InputObjectGraphType<SaveCohortInput>
{
    public SaveCohortInputType()
    {
        Name = "SaveCohortInput";
        Description = "A new cohort: its name, description, criteria and the PCN it is for.";
        Field(i => i.Name).Description($"What the team calls it, up to {CohortDefinition.MaxNameLength} characters.");
        Field(i => i.Description, nullable: true).Description($"What it is for, up to {CohortDefinition.MaxDescriptionLength} characters.");
        Field<NonNullGraphType<CohortCriteriaInputType>>("criteria")
            .Description("Who belongs to it, as evaluateCohort takes criteria. A saved cohort's criteriaJson holds them under \"criteria\", with the same names: "
                + "send that object as a variable of type CohortCriteria! to copy a cohort.");
        Field(i => i.Pcn, nullable: true).Description("The PCN (ODS code) whose registered patients it is drawn from. A clinician's cohort is always for their own PCN (given or not); analysts and administrators may leave it out for a city-wide cohort.");
    }
}

public sealed class ReviseCohortInputType : InputObjectGraphType<ReviseCohortInput>
{
    public ReviseCohortInputType()
    {
        Name = "ReviseCohortInput";
        Description = "A cohort's next version: its name, description and criteria. Its PCN stays.";
        Field(i => i.Name).Description($"Up to {CohortDefinition.MaxNameLength} characters.");
        Field(i => i.Description, nullable: true).Description($"Up to {CohortDefinition.MaxDescriptionLength} characters.");
        Field<NonNullGraphType<CohortCriteriaInputType>>("criteria").Description("Who belongs to it, as in SaveCohortInput.");
    }
}
