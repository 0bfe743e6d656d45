namespace Phm.Ml.Tests.Support;

/// <summary>A new empty folder under the system's temporary folder, deleted with everything in it on dispose.</summary>
public sealed class TemporaryFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("phm-ml-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
