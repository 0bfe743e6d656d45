using GraphQL.Types;
using Phm.Api.Practices;

namespace Phm.Api;

public sealed class PhmQuery : ObjectGraphType
{
    public PhmQuery()
    {
        Name = "Query";
        this.AddPracticeQueries();
    }
}
