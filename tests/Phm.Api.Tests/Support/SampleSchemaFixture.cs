namespace Phm.Api.Tests.Support;

/// <summary>The schema over <see cref="SampleData"/> with <see cref="TestRiskScores"/>, shared by the tests of a class: they only read.</summary>
public sealed class SampleSchemaFixture : IAsyncLifetime
{
    private TestStore? _store;

    public SchemaHost Host { get; private set; } = null!;

    /// <summary>A context over the store, for a test to read what it expects straight from the tables.</summary>
    public Phm.Data.Store.PhmDbContext OpenContext() => _store!.OpenContext();

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync(SampleData.Seed);
        await using (var db = _store.OpenContext())
            TestRiskScores.Write(db);
        Host = SchemaHost.Over(_store.Path);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _store?.Dispose();
    }
}
