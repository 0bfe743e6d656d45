namespace Phm.Api.Tests.Patients;

[Collection(HubCollection.Name)]
public sealed class SqliteCompiledPatientPagesTests(PhmApiFactory hub) : CompiledPatientPagesTests(() => hub);
