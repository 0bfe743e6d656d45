namespace Phm.Web.EndToEnd.Support;

/// <summary>
/// The Chromium the tests drive: Debian's <c>chromium</c>, which <c>.ci/run</c> installs and names in <c>PHM_CHROMIUM</c>.
/// Playwright never downloads a browser. Without one the tests are skipped with the reason, unless
/// <c>PHM_REQUIRE_BROWSER=1</c> (CI), when they fail instead.
/// </summary>
public static class ChromiumExecutable
{
    public const string PathVariable = "PHM_CHROMIUM";
    public const string RequireVariable = "PHM_REQUIRE_BROWSER";

    private static readonly string[] CommandNames = ["chromium", "chromium-browser", "google-chrome"];

    /// <summary>The executable from <c>PHM_CHROMIUM</c>, else the first of chromium, chromium-browser or google-chrome on the PATH; null if none.</summary>
    public static string? Find()
    {
        if (Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } named)
            return File.Exists(named) ? named : null;
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return CommandNames.SelectMany(name => folders.Select(folder => Path.Combine(folder, name))).FirstOrDefault(File.Exists);
    }

    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    /// <summary>Why there is no browser to drive, in words a developer can act on.</summary>
    public static string MissingReason =>
        Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } named
            ? $"{PathVariable} names {named}, which does not exist."
            : $"No Chromium found (chromium, chromium-browser or google-chrome on the PATH, or {PathVariable}): install Debian's chromium (apt-get install chromium) to run the end-to-end tests.";
}
