using Phm.Data.Store;

namespace Phm.Data.Tests.Reference;

public sealed class ReferenceFileTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"phm-ref-{Guid.NewGuid():N}.csv");

    [Fact]
    public void QuotedThousands_ByteOrderMarks_AndCrLf_AreRead()
    {
        File.WriteAllText(_path, "\uFEFFcode,rank\r\nA,\"29,199\"\r\nB,7\r\n");

        var rows = ReferenceFile.Rows(_path, "code", "rank").Select(r => (r.Text("code"), r.WholeNumber("rank"))).ToList();

        Assert.Equal([("A", 29199), ("B", 7)], rows);
    }

    [Fact]
    public void ABadValue_IsReported_WithFileRowAndColumn()
    {
        File.WriteAllText(_path, "code,rank\nA,1\nB,seven\n");

        var error = Assert.Throws<ReferenceDataException>(() => ReferenceFile.Rows(_path, "code", "rank").Select(r => r.WholeNumber("rank")).ToList());

        Assert.Equal($"{_path}: row 2, column 'rank': not a whole number (found 'seven').", error.Message);
    }

    [Fact]
    public void AMissingColumn_IsReported_ByName()
    {
        File.WriteAllText(_path, "code,score\nA,1\n");

        var error = Assert.Throws<ReferenceDataException>(() => ReferenceFile.Rows(_path, "code", "rank").ToList());

        Assert.Equal($"{_path}: missing column(s) 'rank'.", error.Message);
    }

    public void Dispose() => File.Delete(_path);
}
