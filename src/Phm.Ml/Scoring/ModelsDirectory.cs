using Phm.Ml.Outcomes;

namespace Phm.Ml.Scoring;

/// <summary>
/// Where <c>ml-models/</c> is: the folder configured (<c>Phm:Risk:ModelsDirectory</c>), else the first <c>ml-models/</c>
/// holding a <c>models.json</c> in the working directory or a folder above it (the repository, when the hub or
/// <c>phm</c> runs from it: where <c>phm train</c> writes), else the copy the build puts beside the binaries (a published hub).
/// </summary>
public static class ModelsDirectory
{
    public const string ConfigurationKey = "Phm:Risk:ModelsDirectory";
    public const string FolderName = "ml-models";

    public static string Resolve(string? configured)
    {
        if (configured is { Length: > 0 })
        {
            var path = Path.GetFullPath(configured, Directory.GetCurrentDirectory());
            return File.Exists(Path.Combine(path, ModelsFile.FileName))
                ? path
                : throw new DirectoryNotFoundException($"{ConfigurationKey} is {path}, which holds no {ModelsFile.FileName}.");
        }

        for (var folder = new DirectoryInfo(Directory.GetCurrentDirectory()); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, FolderName);
            if (File.Exists(Path.Combine(candidate, ModelsFile.FileName)))
                return candidate;
        }

        var besideBinaries = Path.Combine(AppContext.BaseDirectory, FolderName);
        return File.Exists(Path.Combine(besideBinaries, ModelsFile.FileName))
            ? besideBinaries
            : throw new DirectoryNotFoundException(
                $"No {FolderName}/{ModelsFile.FileName} in {Directory.GetCurrentDirectory()}, the folders above it or beside the binaries; set {ConfigurationKey}.");
    }
}
