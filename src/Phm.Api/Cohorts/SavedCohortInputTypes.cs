using GraphQL.Types;
using Phm.Data.Cohorts;

namespace Phm.Api.Cohorts;

/// <summary>A new cohort as the client sends it. The criteria come as versioned JSON for now (see <see cref="CohortCriteriaJson"/>).</summary>
public sealed record SaveCohortInput(string Name, string? Description, string CriteriaJson, string? Pcn)
{
    public CohortContent Content => new(Name, Description, CriteriaJson);
}

/// <summary>The next version of a cohort: its scope stays, everything else may change.</summary>
public sealed record ReviseCohortInput(string Name, string? Description, string CriteriaJson)
{
    public CohortContent Content => new(Name, Description, CriteriaJson);
}

public sealed class SaveCohortInputType : InputObjectGraphType<SaveCohortInput>
{
    public SaveCohortInputType()
    {
        Name = "SaveCohortInput";
        Description = "A new cohort: its name, description, criteria and the PCN it is for.";
        Field(i => i.Name).Description($"What the team calls it, up to {CohortDefinition.MaxNameLength} characters.");
        Field(i => i.Description, nullable: true).Description($"What it is for, up to {CohortDefinition.MaxDescriptionLength} characters.");
        Field(i => i.CriteriaJson).Description("Who belongs to it: the criteria as versioned JSON, {\"version\":1,\"criteria\":{...}}, with the fields and values of the criteria input.");
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
        Field(i => i.CriteriaJson).Description("The criteria as versioned JSON, as in SaveCohortInput.");
    }
}
