using Phm.Api;

var builder = WebApplication.CreateBuilder(args);
builder.AddPhmHub();

var app = builder.Build();
await app.PreparePhmStoreAsync();
app.MapPhmGraphQL();
await app.RunAsync();

/// <summary>Visible to the tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;
