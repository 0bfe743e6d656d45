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

    /// <summary>
    /// The secret in <paramref name="path"/>, created on first use as <paramref name="bytes"/> random bytes in base64.
    /// Two processes starting at once (the hub and the command line) may both try to create it; the first one's stands.
    /// </summary>
    public static string ReadOrCreateSecret(string path, int bytes)
    {
        if (!File.Exists(path))
        {
            try
            {
                CreateNew(path, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(bytes)));
            }
            catch (IOException) when (File.Exists(path))
            {
                // Created meanwhile by the other process.
            }
        }
        return File.ReadAllText(path);
    }
}
