using GraphQL.Types;
using Phm.Api.Cohorts;
using Phm.Api.Deprivation;
using Phm.Api.Geography;
using Phm.Api.Governance;
using Phm.Api.Inequality;
using Phm.Api.Patients;
using Phm.Api.Practices;
using Phm.Api.Risk;
using Phm.Api.Segmentation;

namespace Phm.Api;

public sealed class PhmQuery : ObjectGraphType
{
    public PhmQuery()
    {
        Name = "Query";
        Description = "Read access to the hub: practices and PCNs, LSOAs and deprivation, pseudonymised patients and their risk scores, saved cohorts, the audit trail. Every field says which roles may use it.";
        this.AddPracticeQueries();
        this.AddGeographyQueries();
        this.AddPatientQueries();
        this.AddDeprivationQueries();
        this.AddRiskQueries();
        this.AddSegmentationQueries();
        this.AddInequalityQueries();
        this.AddCohortQueries();
        this.AddCityComparisonQuery();
        this.AddSavedCohortQueries();
        this.AddAuditQueries();
    }
}
