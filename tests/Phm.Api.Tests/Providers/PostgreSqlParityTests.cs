namespace Phm.Api.Tests.Providers;

[Collection(HubCollection.Name)]
public sealed class PostgreSqlParityTests(PhmApiFactory sqlite, PostgresHub server) : ProviderParityTests<PostgresHub>(sqlite, server), IClassFixture<PostgresHub>;
