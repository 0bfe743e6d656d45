namespace Phm.Api.Tests.Support;

/// <summary>The schema over <see cref="SampleData"/>, shared by the tests of a class: they only read.</summary>
public sealed class SampleSchemaFixture : IAsyncLifetime
{
    private TestStore? _store;

    public SchemaHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync(SampleData.Seed);
        Host = SchemaHost.Over(_store.Path);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _store?.Dispose();
    }
}
