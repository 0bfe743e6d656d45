using Phm.Web.Hub;
using Phm.Web.Worklists;

namespace Phm.Web.Tests.Worklists;

public sealed class WorklistExportTests
{
    [Fact]
    public void Csv_HasAHeader_AndOneLinePerMember_WithWhyInWords()
    {
        var members = Recorded().Data!.Cohort!.Evaluate.Members.Edges.Select(e => e.Node);

        var lines = WorklistExport.ToCsv(members).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("pseudonym,age_band,sex,practice_code,practice,local_quintile,national_quintile,risk_tier,risk_probability,why", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("3ba7ad0ba490f2ab4840b7ca5298049b,65–74,Female,", lines[1], StringComparison.Ordinal);
        Assert.Contains(",Very high,0.9588,", lines[1], StringComparison.Ordinal);
        Assert.EndsWith("Met: A&E attendances in the last 12 months: 10, at least 5\"", lines[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("-1", "'-1")]
    [InlineData("A, B", "\"A, B\"")]
    public void PracticeNames_AreQuoted_AndNeverRunAsFormulas(string practice, string written)
    {
        var member = new Member(new MemberPatient("p1", "AGE_18_TO_44", "MALE", new PracticeRef("J1", practice), new LsoaQuintiles(2, null), null), []);

        var line = WorklistExport.ToCsv([member]).Split("\r\n")[1];

        Assert.Equal($"p1,18–44,Male,J1,{written},,2,,,", line);
    }

    private static HubResult<WorklistMembersData> Recorded() =>
        HubResponse.Read<WorklistMembersData>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Recorded", "WorklistMembers.json")));
}
