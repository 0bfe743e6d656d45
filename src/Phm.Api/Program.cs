using Phm.Api;
using Phm.Api.Operations;
using Phm.Api.WebApp;
using Phm.Data.Store;

try
{
    // Settings files travel with the binaries; the working directory is only where the data goes.
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
    builder.AddPhmHub();
    builder.AddPhmWebApp();

    var app = builder.Build();
    await app.PreparePhmStoreAsync();
    app.MapPhmGraphQL();
    app.MapPhmHealthChecks();
    app.MapPhmWebApp();
    await app.RunAsync();
    return 0;
}
catch (UnwritablePathException unwritable)
{
    // An operator's problem (a read-only or full disk), not a bug: one line naming the path and why, not a stack trace.
    Console.Error.WriteLine($"The PHM hub cannot start. {unwritable.Message}");
    return 1;
}

/// <summary>Visible to the tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;
