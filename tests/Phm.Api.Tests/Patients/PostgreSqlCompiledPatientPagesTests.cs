namespace Phm.Api.Tests.Patients;

public sealed class PostgreSqlCompiledPatientPagesTests(PostgresHub server) : CompiledPatientPagesTests(() => server.Hub), IClassFixture<PostgresHub>;
