using GraphQL.Types;
using Phm.Api.Cohorts;

namespace Phm.Api;

/// <summary>Changes to the hub's user data: saved cohorts. Mutations go over POST only (<see cref="Transport.QueriesOnlyOverGetRule"/>).</summary>
public sealed class PhmMutation : ObjectGraphType
{
    public PhmMutation()
    {
        Name = "Mutation";
        Description = "Changes to saved cohorts. Every field says which roles may use it; every check runs before anything is written.";
        this.AddCohortMutations();
    }
}
