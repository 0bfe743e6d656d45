using Phm.Web.Hub;

namespace Phm.Web.CohortBuilder;

/// <summary>
/// The PCNs, practices and LSOAs the builder's conditions offer (code, words), from the hub's reference data. A clinician is
/// offered their own PCN and its practices only: the hub would refuse any other as FORBIDDEN.
/// </summary>
public sealed record BuilderPlaces(
    IReadOnlyList<KeyValuePair<string, string>> Pcns, IReadOnlyList<KeyValuePair<string, string>> Practices, IReadOnlyList<KeyValuePair<string, string>> Lsoas)
{
    public static readonly BuilderPlaces None = new([], [], []);

    private sealed record Data(IReadOnlyList<Place> Pcns, IReadOnlyList<PracticePlace> Practices, IReadOnlyList<Place> Lsoas);

    private sealed record Place(string Code, string Name);

    private sealed record PracticePlace(string Code, string Name, PcnOf? Pcn);

    private sealed record PcnOf(string Code);

    /// <summary>The places <paramref name="clinicianPcn"/> may name (every place for analysts and administrators, when it is null).</summary>
    public static async Task<BuilderPlaces> LoadAsync(IPhmHub hub, string? clinicianPcn)
    {
        var result = await hub.RunAsync<Data>(GraphQLOperation.Named("CohortBuilderPlaces"));
        if (result.Data is not { } data)
            return None;
        return new BuilderPlaces(
            [.. data.Pcns.Where(p => clinicianPcn is null || p.Code == clinicianPcn).OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => Named(p.Code, p.Name))],
            [.. data.Practices.Where(p => clinicianPcn is null || p.Pcn?.Code == clinicianPcn).OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => Named(p.Code, p.Name))],
            [.. data.Lsoas.OrderBy(l => l.Name, StringComparer.Ordinal).Select(l => Named(l.Code, l.Name))]);
    }

    private static KeyValuePair<string, string> Named(string code, string name) => KeyValuePair.Create(code, $"{name} ({code})");
}
