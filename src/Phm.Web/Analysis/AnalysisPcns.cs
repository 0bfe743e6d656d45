using Phm.Web.Hub;

namespace Phm.Web.Analysis;

/// <summary>The PCNs an analyst may limit a view to (code, name); a clinician's views are of their own PCN, so none is offered.</summary>
public static class AnalysisPcns
{
    private sealed record Data(IReadOnlyList<Pcn> Pcns);

    private sealed record Pcn(string Code, string Name);

    public static async Task<IReadOnlyList<KeyValuePair<string, string>>> LoadAsync(IPhmHub hub, bool offered)
    {
        if (!offered)
            return [];
        var result = await hub.RunAsync<Data>(GraphQLOperation.Named("AnalysisPcns"));
        return result.Data?.Pcns.Select(p => KeyValuePair.Create(p.Code, $"{p.Name} ({p.Code})")).ToList() ?? [];
    }
}
