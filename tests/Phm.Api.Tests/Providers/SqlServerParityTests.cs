namespace Phm.Api.Tests.Providers;

[Collection(HubCollection.Name)]
public sealed class SqlServerParityTests(PhmApiFactory sqlite, SqlServerHub server) : ProviderParityTests<SqlServerHub>(sqlite, server), IClassFixture<SqlServerHub>;
