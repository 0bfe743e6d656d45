using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Phm.Web.Account;
using Phm.Web.Hub;
using Phm.Web.Shared;

namespace Phm.Web.Worklists;

/// <summary>
/// A worklist as CSV: every member with why, read page by page through the hub's GraphQL endpoint with the user's token,
/// so the hub checks and audits each page exactly as it does for the page on screen. Nothing is read from anywhere else.
/// </summary>
public static class WorklistExport
{
    public const int PageSize = 500;

    public static string PathFor(string cohortId) => $"worklists/{Uri.EscapeDataString(cohortId)}/export.csv";

    public static void MapWorklistExport(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/worklists/{id}/export.csv", async (string id, string? orderBy, HttpContext context, IHttpClientFactory clients) =>
            {
                var order = orderBy is MemberOrders.Risk or MemberOrders.Impactability or MemberOrders.Pseudonym ? orderBy : MemberOrders.Risk;
                var (rows, errors) = await ReadAllAsync(clients.CreateClient(PhmHubClient.HttpClientName), WebUser.AccessTokenOf(context.User), id, order,
                    WorklistFilter.FromQuery(context.Request.Query), context.RequestAborted);
                if (errors.Count > 0)
                    return Results.Problem(string.Join(" ", errors.Select(e => e.Message)), statusCode: errors.Any(e => e.Code == HubErrorCodes.Forbidden) ? 403 : 502);
                return Results.File(Encoding.UTF8.GetBytes(ToCsv(rows)), "text/csv; charset=utf-8", $"worklist-{id}.csv");
            })
            .RequireAuthorization(WebAuthentication.Policy);

    /// <summary>The variables of <c>WorklistMembers</c>: one page of the members in an order, filtered by the hub.</summary>
    public static object Variables(string id, int first, string? after, string orderBy, WorklistFilter filter) => new
    {
        id, first, after, orderBy, model = MemberOrders.AdmissionModel,
        filter = filter.Criteria, enteredSince = filter.EnteredSince, filtered = !filter.IsEmpty,
    };

    internal static async Task<(List<Member> Rows, IReadOnlyList<HubError> Errors)> ReadAllAsync(
        HttpClient http, string? token, string id, string orderBy, WorklistFilter filter, CancellationToken cancellationToken)
    {
        var rows = new List<Member>();
        string? after = null;
        while (true)
        {
            var page = await PhmHubClient.PostAsync<WorklistMembersData>(http, token, GraphQLOperation.Named("WorklistMembers"),
                Variables(id, PageSize, after, orderBy, filter), cancellationToken);
            if (page.HasErrors || page.Data?.Cohort is null)
                return (rows, page.HasErrors ? page.Errors : [new HubError("The hub returned no cohort.", null)]);
            var members = page.Data.Cohort.Evaluate.Members;
            rows.AddRange(members.Edges.Select(e => e.Node));
            if (!members.PageInfo.HasNextPage)
                return (rows, []);
            after = members.PageInfo.EndCursor;
        }
    }

    internal static string ToCsv(IEnumerable<Member> members)
    {
        var csv = new StringBuilder("pseudonym,age_band,sex,practice_code,practice,local_quintile,national_quintile,risk_tier,risk_probability,why\r\n");
        foreach (var member in members)
        {
            var p = member.Patient;
            string[] fields =
            [
                p.Id, Display.AgeBand(p.AgeBand), Display.Words(p.Sex), p.Practice.Code, p.Practice.Name,
                p.Lsoa.LocalQuintile?.ToString(CultureInfo.InvariantCulture) ?? "", p.Lsoa.NationalQuintile.ToString(CultureInfo.InvariantCulture),
                p.Risk is { } r ? Display.Words(r.Tier) : "", p.Risk?.Probability.ToString("0.0000", CultureInfo.InvariantCulture) ?? "",
                string.Join(" | ", member.Why.Select(w => (w.Held ? "Met: " : "Not met: ") + w.Text)),
            ];
            csv.AppendJoin(',', fields.Select(Field)).Append("\r\n");
        }
        return csv.ToString();
    }

    /// <summary>RFC 4180 quoting, and a leading quote mark on text a spreadsheet would run as a formula.</summary>
    private static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
