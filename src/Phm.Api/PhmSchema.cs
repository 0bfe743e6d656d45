using GraphQL.Types;

namespace Phm.Api;

/// <summary>Wires the roots only; each feature adds its own fields to <see cref="PhmQuery"/>.</summary>
public sealed class PhmSchema : Schema
{
    public PhmSchema(IServiceProvider services, PhmQuery query) : base(services)
    {
        Query = query;
    }
}
