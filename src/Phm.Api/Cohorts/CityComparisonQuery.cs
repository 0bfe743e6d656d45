using GraphQL.MicrosoftDI;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using Phm.Api.Governance;
using Phm.Api.Loading;
using Phm.Data.Cohorts;

namespace Phm.Api.Cohorts;

public static class CityComparisonQuery
{
    public static void AddCityComparisonQuery(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<CohortCharacterisationType>, CohortCharacterisationSource>("cityComparison")
            .Description("The city's living patients (every practice's, at the store's reference date) characterised as a cohort is, to set a PCN's "
                + "figures against: age and sex, deprivation, register prevalence, risk tiers, use of services. Every role, and always under the "
                + "disclosure control analysts get (administrators exact), clinicians included: city-wide figures only, never by PCN or practice.")
            .AllowAnyRole()
            .Resolve()
            .WithServices<CityComparators, ReferenceDateLoader>()
            .ResolveAsync(async (context, city, referenceDate) =>
            {
                var date = await referenceDate.GetAsync(context.CancellationToken);
                var living = city.CityWide.Patients.Meeting(new CohortCriteria { Alive = true }, city.CityWide, date).AsNoTracking();
                return new CohortCharacterisationSource(living, city.CityWide, date, CityComparators.ControlFor(context.User));
            });
}
