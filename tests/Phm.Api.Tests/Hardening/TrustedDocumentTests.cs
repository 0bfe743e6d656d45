using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Phm.Api.Tests.Hardening;

/// <summary>
/// With <c>Phm:GraphQL:TrustedDocuments:Mode=Only</c> the hub runs only documents registered in the file, whether named by id or hash
/// or sent in full; anything else is refused with a code.
/// </summary>
[Collection(HubCollection.Name)]
public sealed class TrustedDocumentTests(PhmApiFactory hub) : IAsyncLifetime
{
    /// <summary>Limits apply to every caller; a clinician may read patient-level data, so each document gets as far as the limits.</summary>
    private HubCaller Clinician => hub.AsClinician(GovernanceTests.PcnA);

    private const string Registered = "{ pcns { code } }";
    private static readonly string RegisteredHash = Phm.Api.Transport.TrustedDocuments.HashOf(Registered);

    private readonly string file = Path.Combine(Path.GetTempPath(), "phm-trusted-documents-" + Guid.NewGuid().ToString("N") + ".json");
    private WebApplicationFactory<Program> onlyTrusted = null!;

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new Dictionary<string, string> { [RegisteredHash] = Registered }));
        onlyTrusted = hub.WithSettings(("Phm:GraphQL:TrustedDocuments:Mode", "Only"), ("Phm:GraphQL:TrustedDocuments:File", file));
    }

    public static TheoryData<string, object> RegisteredRequests => new()
    {
        { "by document id", new { documentId = "sha256:" + RegisteredHash } },
        { "by persisted-query hash", new { extensions = new { persistedQuery = new { version = 1, sha256Hash = RegisteredHash } } } },
        { "in full", new { query = Registered } },
    };

    [Theory]
    [MemberData(nameof(RegisteredRequests))]
    public async Task RegisteredDocument_Runs(string way, object request)
    {
        var response = await PhmApiFactory.PostGraphQLAsync(onlyTrusted, request, Clinician.BearerToken);

        Assert.True(response.Status == HttpStatusCode.OK && response.Body.StartsWith("""{"data":{"pcns":[{"code":""", StringComparison.Ordinal), way + ": " + response.Body);
    }

    [Fact]
    public async Task RegisteredDocument_ByIdOverGet_Runs()
    {
        using var client = onlyTrusted.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", Clinician.BearerToken);

        using var response = await client.GetAsync("/graphql?documentId=sha256%3A" + RegisteredHash);

        Assert.StartsWith("""{"data":{"pcns":[{"code":""", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnregisteredDocument_IsRefused()
    {
        var response = await PhmApiFactory.PostGraphQLAsync(onlyTrusted, new { query = "{ practices { code } }" }, Clinician.BearerToken);

        Assert.Equal((HttpStatusCode.BadRequest, "DOCUMENT_NOT_TRUSTED"), (response.Status, response.ErrorCodes[0]));
    }

    [Fact]
    public async Task UnknownDocumentId_IsRefused()
    {
        var response = await PhmApiFactory.PostGraphQLAsync(onlyTrusted, new { documentId = "sha256:" + new string('0', 64) }, Clinician.BearerToken);

        Assert.Equal((HttpStatusCode.BadRequest, "PERSISTED_DOCUMENT_NOT_FOUND"), (response.Status, response.ErrorCodes[0]));
    }

    [Fact]
    public async Task AllowMode_RunsRegisteredIdsAndOrdinaryDocuments()
    {
        await using var allowing = hub.WithSettings(("Phm:GraphQL:TrustedDocuments:Mode", "Allow"), ("Phm:GraphQL:TrustedDocuments:File", file));

        var byId = await PhmApiFactory.PostGraphQLAsync(allowing, new { documentId = "sha256:" + RegisteredHash }, Clinician.BearerToken);
        var ordinary = await PhmApiFactory.PostGraphQLAsync(allowing, new { query = "{ practices { code } }" }, Clinician.BearerToken);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (byId.Status, ordinary.Status));
    }

    public async Task DisposeAsync()
    {
        await onlyTrusted.DisposeAsync();
        File.Delete(file);
    }
}
