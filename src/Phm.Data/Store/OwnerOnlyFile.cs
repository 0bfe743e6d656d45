namespace Phm.Data.Store;

/// <summary>Secrets on disk (the pseudonymisation key, the token signing key): files only their owner can read.</summary>
public static class OwnerOnlyFile
{
    /// <summary>
    /// The key in <paramref name="path"/>, created on first use as <paramref name="minimumBytes"/> random bytes in base64.
    /// A file that is empty, not base64 or too short is refused with an error naming the file and the reason, never its contents.
    /// </summary>
    /// <param name="keyName">What the key is, for the error: "token signing key".</param>
    public static byte[] ReadOrCreateKey(string path, int minimumBytes, string keyName) =>
        DecodeKey(ReadOrCreateSecret(path, minimumBytes), minimumBytes, $"The {keyName} file {path}");

    /// <summary>
    /// The key in <paramref name="base64"/>, or an <see cref="InvalidOperationException"/> that starts with
    /// <paramref name="source"/> and says what is wrong without echoing the value, which is the secret.
    /// </summary>
    public static byte[] DecodeKey(string base64, int minimumBytes, string source)
    {
        if (string.IsNullOrWhiteSpace(base64))
            throw new InvalidOperationException($"{source} is empty; it must hold a base64 key of at least {minimumBytes} bytes.");
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{source} is not base64; it must hold a base64 key of at least {minimumBytes} bytes.");
        }
        return bytes.Length >= minimumBytes
            ? bytes
            : throw new InvalidOperationException($"{source} has {bytes.Length} bytes; at least {minimumBytes} are needed.");
    }

    /// <summary>
    /// The secret in <paramref name="path"/>, created on first use as <paramref name="bytes"/> random bytes in base64.
    /// Two processes starting at once (the hub and the command line) may both try to create it; the first one's stands, and
    /// neither reads a half-written file, since it appears only once complete.
    /// </summary>
    private static string ReadOrCreateSecret(string path, int bytes)
    {
        if (!File.Exists(path))
        {
            var written = path + "." + Guid.NewGuid().ToString("N") + ".new";
            try
            {
                CreateNew(written, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(bytes)));
            }
            catch (Exception e) when (UnwritablePathException.From(e, path) is { } unwritable)
            {
                throw unwritable;
            }
            try
            {
                File.Move(written, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Created meanwhile by the other process.
                File.Delete(written);
            }
        }
        return File.ReadAllText(path);
    }

    /// <summary>Creates <paramref name="path"/> and its folder, readable and writable by the owner only; fails if the file exists.</summary>
    private static void CreateNew(string path, string contents)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var writer = new StreamWriter(path, System.Text.Encoding.ASCII, options);
        writer.Write(contents);
    }
}
