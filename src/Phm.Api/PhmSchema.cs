using GraphQL.Types;

namespace Phm.Api;

/// <summary>Wires the roots only; each feature adds its own fields to <see cref="PhmQuery"/> and <see cref="PhmMutation"/>.</summary>
public sealed class PhmSchema : Schema
{
    public PhmSchema(IServiceProvider services, PhmQuery query, PhmMutation mutation) : base(services)
    {
        Query = query;
        Mutation = mutation;
    }
}
