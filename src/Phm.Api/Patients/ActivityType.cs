using GraphQL.Types;
using Phm.Data.Patients;

namespace Phm.Api.Patients;

public sealed class ActivityType : ObjectGraphType<Activity>
{
    public ActivityType()
    {
        Name = "Activity";
        Description = "One contact with a health or care service.";
        Field<NonNullGraphType<ActivityKindType>>("kind").Description("The service.").Resolve(context => context.Source.Kind);
        Field(a => a.Date).Description("Date of the contact, or of admission.");
        Field(a => a.LengthOfStayDays, nullable: true).Description("Nights in hospital for admissions (0 = same day); null for other kinds.");
    }
}
