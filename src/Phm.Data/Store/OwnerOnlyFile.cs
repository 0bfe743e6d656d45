namespace Phm.Data.Store;

/// <summary>Secrets on disk (the pseudonymisation key, the token signing key): files only their owner can read.</summary>
public static class OwnerOnlyFile
{
    /// <summary>Creates <paramref name="path"/> and its folder, readable and writable by the owner only; fails if the file exists.</summary>
    public static void CreateNew(string path, string contents)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var writer = new StreamWriter(path, System.Text.Encoding.ASCII, options);
        writer.Write(contents);
    }
}
