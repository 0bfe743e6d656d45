using System.Text.Json;
using Phm.Web.Hub;

namespace Phm.Web.Tests.Support;

/// <summary>
/// Stands in for the hub: answers each operation with a GraphQL response body (recorded from the hub, or written in the
/// test), and keeps the requests, so a test can say what a page asked for.
/// </summary>
public sealed class FakeHub : IPhmHub
{
    private readonly Dictionary<string, string> _answers = new(StringComparer.Ordinal);

    public List<(string Operation, JsonElement Variables)> Requests { get; } = [];

    /// <summary>Answers every call of <paramref name="operation"/> with <paramref name="responseBody"/> (a whole response: data and errors), in place of any earlier answer.</summary>
    public FakeHub Answer(string operation, string responseBody)
    {
        _answers[operation] = responseBody;
        return this;
    }

    /// <summary>Answers <paramref name="operation"/> with the response recorded in Recorded/<paramref name="file"/>.</summary>
    public FakeHub AnswerRecorded(string operation, string file) =>
        Answer(operation, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Recorded", file)));

    public Task<HubResult<T>> RunAsync<T>(GraphQLOperation operation, object? variables = null, CancellationToken cancellationToken = default)
    {
        Requests.Add((operation.Name, JsonSerializer.SerializeToElement(variables, HubJson.Options)));
        if (!_answers.TryGetValue(operation.Name, out var body))
            throw new InvalidOperationException($"The test gave no answer for {operation.Name}.");
        return Task.FromResult(HubResponse.Read<T>(body));
    }

    public IEnumerable<JsonElement> VariablesOf(string operation) => Requests.Where(r => r.Operation == operation).Select(r => r.Variables);
}
