using Phm.Testing;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Phm.Web.EndToEnd.Support;

/// <summary>
/// One hub and one headless Chromium for every end-to-end test (they run one after another: a store is built once).
/// Each test opens its own browser context (<see cref="OpenAsync"/>), so sign-ins never leak between tests.
/// Screenshots go to <see cref="ScreenshotDirectory"/>, whose path is printed when the run starts.
/// </summary>
public sealed class WebAppFixture(IMessageSink diagnostics) : IAsyncLifetime
{
    /// <summary>The width the issue asks the app to be usable at (a desktop); tablets are checked at their own size.</summary>
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 900 };

    private HubProcess? _hub;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private string? _missingBrowser;

    public HubProcess Hub => _hub ?? throw new InvalidOperationException("The hub did not start.");

    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "e2e-screenshots");

    public async Task InitializeAsync()
    {
        if (ChromiumExecutable.Find() is not { } chromium)
        {
            // Reported by each test (skipped, or failed in CI); no hub is started for nothing.
            _missingBrowser = ChromiumExecutable.MissingReason;
            return;
        }
        if (Directory.Exists(ScreenshotDirectory))
            Directory.Delete(ScreenshotDirectory, recursive: true);
        Directory.CreateDirectory(ScreenshotDirectory);
        Report($"Chromium: {chromium}; screenshots in {ScreenshotDirectory}");

        _playwright = await Playwright.CreateAsync();
        // The first render of a page builds its circuit on a machine shared with other builds: be patient.
        Assertions.SetDefaultExpectTimeout(30_000);
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = chromium,
            Headless = true,
            // As root (CI) Chromium's sandbox cannot start; containers give /dev/shm little room.
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
        var started = System.Diagnostics.Stopwatch.StartNew();
        _hub = await WebAppHub.StartAsync();
        Report($"Hub at {_hub.Address} ({WebAppHub.Population} patients, seed {WebAppHub.Seed}) ready after {started.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>
    /// A fresh browser context (no cookies, no storage) at the desktop width with the hub as its base address.
    /// Skips the calling test when there is no Chromium, or fails it when one is required (<c>PHM_REQUIRE_BROWSER=1</c>).
    /// </summary>
    public async Task<BrowserSession> OpenAsync(ViewportSize? viewport = null, [System.Runtime.CompilerServices.CallerMemberName] string test = "")
    {
        if (_missingBrowser is not null)
        {
            if (ChromiumExecutable.Required)
                throw new InvalidOperationException($"{ChromiumExecutable.RequireVariable}=1 but {_missingBrowser}");
            Skip.If(true, _missingBrowser);
        }
        var context = await _browser!.NewContextAsync(new()
        {
            BaseURL = Hub.Address.ToString(),
            ViewportSize = viewport ?? Desktop,
        });
        context.SetDefaultTimeout(60_000);
        return new BrowserSession(context, await context.NewPageAsync(), test);
    }

    /// <summary>Saves a full-page screenshot as <c>{name}.png</c> in <see cref="ScreenshotDirectory"/> and returns its path.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(ScreenshotDirectory, name + ".png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        return path;
    }

    /// <summary>A line in the test run's output (xUnit diagnostic messages are on for this project).</summary>
    public void Report(string message) => diagnostics.OnMessage(new DiagnosticMessage("e2e: " + message));

    public async Task DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_hub is not null)
            await _hub.DisposeAsync();
    }
}

/// <summary>
/// One test's browser context and page; disposing it keeps a screenshot of where the test ended (in <c>last/</c>, to see
/// what a failed test saw) and closes both.
/// </summary>
public sealed class BrowserSession(IBrowserContext context, IPage page, string test) : IAsyncDisposable
{
    public IBrowserContext Context => context;

    public IPage Page => page;

    public async ValueTask DisposeAsync()
    {
        try
        {
            await WebAppFixture.ScreenshotAsync(page, Path.Combine("last", test));
        }
        catch (PlaywrightException)
        {
            // The page is gone (the browser failed); the test's own error says why.
        }
        await context.DisposeAsync();
    }
}

/// <summary>The end-to-end tests share one hub and one browser.</summary>
[CollectionDefinition(Name)]
public sealed class WebAppCollection : ICollectionFixture<WebAppFixture>
{
    public const string Name = "Web app";
}
