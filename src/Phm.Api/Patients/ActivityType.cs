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
        Field(a => a.PrimaryDiagnosis, nullable: true).Description("The primary diagnosis of an emergency admission, an ICD-10 code such as J44.1; null for other kinds and when the source gave none.");
        Field(a => a.AmbulatoryCareSensitive).Description("Whether the primary diagnosis is an ambulatory care sensitive condition, by the hub's ACSC code list (NHS Outcomes Framework 2.3.i and 3a; README, \"Impactability\").");
    }
}
