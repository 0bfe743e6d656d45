using System.Text.Json;
using System.Text.RegularExpressions;
using Phm.Data.Cohorts;

namespace Phm.Api.Tests.Cohorts;

/// <summary>The README's case-finding query for each One Team cohort runs, for a clinician of the cohort's PCN, on the real hub.</summary>
[Collection(HubCollection.Name)]
public sealed partial class OneTeamCaseFindingTests(PhmApiFactory hub)
{
    [Fact]
    public async Task TheReadmesCaseFindingQueries_CoverEveryBuiltInCohort_AndRunForItsPcnsClinician()
    {
        var queries = ReadmeQueries();

        Assert.Equal(OneTeamCohorts.Defaults.Count, queries.Count);
        foreach (var builtIn in OneTeamCohorts.Defaults)
        {
            var query = Assert.Single(queries, q => q.Contains($"\"{builtIn.Key}\"", StringComparison.Ordinal));
            // The test hub's mortality model has another name than the committed death-12m.
            var response = await hub.AsClinician(builtIn.PcnCode).PostGraphQLAsync(query.Replace("death-12m", TestRiskScores.Mortality, StringComparison.Ordinal));

            Assert.True(response.ErrorCodes.Count == 0, $"{builtIn.Key}: {response.Body}");
            Assert.Equal(JsonValueKind.Number, response.Json.GetProperty("data").GetProperty("cohort").GetProperty("evaluate").GetProperty("count").ValueKind);
        }
    }

    /// <summary>The queries of the code block under "## One Team cohorts", one per top-level <c>{ cohort(...) ... }</c>.</summary>
    private static List<string> ReadmeQueries()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        var section = readme[readme.IndexOf("## One Team cohorts", StringComparison.Ordinal)..];
        var block = CodeBlock().Match(section).Groups[1].Value;
        return [.. block.Split("\n\n").Select(q => string.Join('\n', q.Split('\n').Where(line => !line.StartsWith('#')))).Where(q => q.Contains("cohort(", StringComparison.Ordinal))];
    }

    [GeneratedRegex("```graphql\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PHM.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("PHM.sln not found above the test binaries.");
    }
}
