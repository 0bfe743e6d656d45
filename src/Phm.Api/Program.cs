using Phm.Api;
using Phm.Api.Operations;
using Phm.Api.WebApp;

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

/// <summary>Visible to the tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;
