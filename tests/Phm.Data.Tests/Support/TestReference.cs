using Phm.Data.Store;

namespace Phm.Data.Tests.Support;

/// <summary>The shipped reference data, read once for all tests.</summary>
public static class TestReference
{
    public const string Southampton = "E06000045";

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "reference");

    private static readonly Lazy<ReferenceData> Loaded = new(() => ReferenceData.Load(Directory, Southampton, new PhmOptions().ResolveNeighbouringAuthorities()));

    public static ReferenceData Data => Loaded.Value;
}
