using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Phm.Api.Tests.Hardening;

/// <summary>
/// A schema-recovery attempt in the style of clairvoyance, against the defaults of a deployment (introspection off) with a
/// clinician's token: guess root fields from a wordlist, learn each one's type from the errors, then guess that type's fields.
/// Errors must name only what the document itself named, so the attempt stops at the root fields it guessed.
/// </summary>
[Collection(HubCollection.Name)]
public sealed partial class SchemaRecoveryTests(PhmApiFactory hub) : IAsyncLifetime
{
    /// <summary>Real names of the schema's fields and arguments, near misses and common guesses.</summary>
    private static readonly string[] Wordlist =
    [
        "pcns", "pcn", "practices", "practice", "patients", "patient", "lsoas", "lsoa", "deprivationProfile", "auditEvents",
        "patiens", "practis", "pcnss", "lsoass", "deprivation", "audit", "users", "user", "login", "search", "node", "nodes",
        "id", "code", "cod", "name", "nam", "age", "ag", "sex", "ethnicGroup", "dateOfDeath", "conditions", "conditon", "register",
        "onsetDate", "activity", "careFlags", "listSize", "memberships", "edges", "items", "pageInfo", "totalCount", "nhsNumber",
        "postcode", "imdDecile", "nationalQuintile", "first", "after", "filter", "groupBy",
    ];

    private WebApplicationFactory<Program> production = null!;
    private readonly List<(string Document, string Body)> exchanges = [];

    public Task InitializeAsync()
    {
        production = hub.InProduction();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await production.DisposeAsync();

    [Fact]
    public async Task GuessingNames_WithIntrospectionOff_RecoversNoTypeAndNoFieldBeyondTheGuessedRoots()
    {
        var roots = new List<string>();
        foreach (var word in Wordlist)
        {
            if (!Unknown(await SendAsync($"query {{ {word} }}"), word))
                roots.Add(word);
        }
        var learned = new Dictionary<string, HashSet<string>>();
        foreach (var root in roots)
        {
            // Clairvoyance learns a field's type from "Cannot query field 'x' on type 'T'" or "Field 'f' of type 'T' must have …".
            foreach (var type in TypesNamedIn(await SendAsync($"query {{ {root} {{ lol }} }}")))
                learned.TryAdd(type, []);
            foreach (var word in Wordlist)
            {
                var body = await SendAsync($"query {{ {root} {{ {word} }} }}");
                foreach (var type in TypesNamedIn(body))
                    (learned.TryGetValue(type, out var fields) ? fields : learned[type] = []).Add(word);
            }
        }

        Assert.Contains("patients", roots);
        Assert.Empty(learned);
        Assert.All(exchanges, exchange => AssertNamesOnlyWhatTheDocumentNamed(exchange.Document, exchange.Body));
    }

    /// <summary>Every name in an error is in the document; no schema type, no suggestion.</summary>
    private void AssertNamesOnlyWhatTheDocumentNamed(string document, string body)
    {
        var schemaTypes = production.Services.GetRequiredService<PhmSchema>().AllTypes
            .Select(type => type.Name)
            .Where(name => !name.StartsWith("__", StringComparison.Ordinal) && name is not ("String" or "Int" or "Float" or "Boolean" or "ID"))
            .ToList();
        foreach (var message in MessagesOf(body))
        {
            Assert.DoesNotContain("Did you mean", message, StringComparison.Ordinal);
            foreach (Match quoted in QuotedName().Matches(message))
                Assert.True(document.Contains(quoted.Groups["name"].Value, StringComparison.Ordinal), $"'{quoted.Groups["name"].Value}' is not in {document}: {message}");
            foreach (var type in schemaTypes)
                Assert.False(Regex.IsMatch(message, $@"\b{type}\b") && !document.Contains(type, StringComparison.Ordinal), $"{type} named in: {message}");
        }
    }

    private async Task<string> SendAsync(string document)
    {
        var response = await PhmApiFactory.PostGraphQLAsync(production, new { query = document }, hub.AsClinician(GovernanceTests.PcnA).BearerToken);
        exchanges.Add((document, response.Body));
        return response.Body;
    }

    private static bool Unknown(string body, string field) =>
        MessagesOf(body).Any(message => message.StartsWith($"Cannot query field '{field}'", StringComparison.Ordinal));

    private static IEnumerable<string> TypesNamedIn(string body) =>
        MessagesOf(body).SelectMany(message => TypeInMessage().Matches(message)).Select(match => match.Groups["type"].Value);

    private static IEnumerable<string> MessagesOf(string body) =>
        JsonDocument.Parse(body).RootElement.TryGetProperty("errors", out var errors)
            ? [.. errors.EnumerateArray().Select(error => error.GetProperty("message").GetString()!)]
            : [];

    /// <summary>The patterns clairvoyance reads types from, in graphql-js's wording and GraphQL.NET's.</summary>
    [GeneratedRegex(@"on type '(?<type>[_A-Za-z][_0-9A-Za-z]*)'|of type '?\[?(?<type>[_A-Za-z][_0-9A-Za-z]*)")]
    private static partial Regex TypeInMessage();

    [GeneratedRegex("'(?<name>[^']*)'")]
    private static partial Regex QuotedName();
}
