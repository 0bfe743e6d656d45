using GraphQL.Types;
using Phm.Data.Patients;

namespace Phm.Api.Patients;

/// <summary>How many contacts a patient had with one kind of service.</summary>
public sealed record ActivityCount(ActivityKind Kind, int Count);

public sealed class ActivityCountType : ObjectGraphType<ActivityCount>
{
    public ActivityCountType()
    {
        Name = "ActivityCount";
        Description = "How many contacts a patient had with one kind of service.";
        Field<NonNullGraphType<ActivityKindType>>("kind").Description("The service.").Resolve(context => context.Source.Kind);
        Field(c => c.Count).Description("Number of contacts.");
    }
}
