namespace Phm.Web.Hub;

/// <summary>The app's only way to the data: GraphQL operations run on the hub as the signed-in user.</summary>
public interface IPhmHub
{
    /// <summary>Runs <paramref name="operation"/> with <paramref name="variables"/> and reads its <c>data</c> as <typeparamref name="T"/>.</summary>
    Task<HubResult<T>> RunAsync<T>(GraphQLOperation operation, object? variables = null, CancellationToken cancellationToken = default);
}
