using System.Security.Cryptography;
using System.Text;
using Phm.Data.Patients;
using Phm.Data.Store;
using Phm.Data.Terminology;

namespace Phm.Data.Tests.Terminology;

public sealed class RegisterCodeListTests : IDisposable
{
    private static readonly RegisterCodeList Codes = RegisterCodeList.Load(TestReference.Directory);

    private static readonly string CodeLists = Path.Combine(TestReference.Directory, "code-lists");

    private readonly string _folder = Directory.CreateTempSubdirectory("phm-codes-").FullName;

    [Fact]
    public void EveryPublishedClusterFile_IsTheOneItsManifestNames_ByClusterCountAndSha1()
    {
        var manifest = ReferenceFile.Rows(Path.Combine(CodeLists, "qof-clusters", "manifest.csv"), "file", "cluster_id", "n_codes", "sha1_no_trailing_nl")
            .Select(r => (File: "qof-clusters/" + r.Text("file"), Cluster: r.Text("cluster_id"), Count: r.WholeNumber("n_codes"), Sha1: r.Text("sha1_no_trailing_nl")))
            .ToDictionary(r => r.File);
        var published = Codes.Files.Where(f => !f.IsLocal).ToList();

        Assert.Equal(27, published.Count);
        Assert.Equal(manifest.Keys.Order(), published.Select(f => f.File).Order());
        Assert.All(published, file =>
        {
            var bytes = File.ReadAllBytes(file.Path);
            // The manifest's SHA-1 is OpenSAFELY's: of the content without its trailing newline.
            var content = bytes.AsSpan(0, bytes.Length - (bytes[^1] == '\n' ? 1 : 0));
            Assert.Equal((manifest[file.File].Cluster, manifest[file.File].Count, manifest[file.File].Sha1),
                (file.Source, RawCodes(file.Path).Count, Sha1Of(content)));
        });
    }

    [Fact]
    public void EveryListedCode_PlacesOnExactlyTheRegistersOfTheFilesThatHoldIt()
    {
        var expected = Codes.Files
            .SelectMany(file => RawCodes(file.Path).Select(code => (Code: code, file.Placement)))
            .GroupBy(c => c.Code)
            .ToDictionary(g => g.Key, g => g.Select(c => c.Placement).Distinct().OrderBy(p => p.Register).ToList());

        Assert.Equal(expected.Keys.Order(), Codes.Codes.Keys.Order());
        Assert.All(expected, e => Assert.Equal(e.Value, Codes.PlacementsOf(e.Key).OrderBy(p => p.Register)));
    }

    [Fact]
    public void TheList_HoldsThePublishedClustersCodes_NotAHandful()
    {
        Assert.Equal(2_953, Codes.Codes.Count);
        Assert.Equal(117, Codes.Codes.Count(c => c.Value.Contains(new RegisterPlacement(ConditionRegister.Hypertension, ConditionKind.Diagnosis))));
        Assert.Equal(696, Codes.Codes.Count(c => c.Value.Contains(new RegisterPlacement(ConditionRegister.LearningDisability, ConditionKind.Diagnosis))));
    }

    [Fact]
    public void AConceptInTwoClusters_PlacesOnBothRegisters()
    {
        // 56267009 Multi-infarct dementia is in DEM_COD and STRK_COD.
        Assert.Equal(
            [new(ConditionRegister.Dementia, ConditionKind.Diagnosis), new(ConditionRegister.StrokeTia, ConditionKind.Diagnosis)],
            Codes.PlacementsOf("56267009").OrderBy(p => p.Register));
    }

    [Theory]
    [InlineData("162659009", ConditionRegister.Hypertension)]   // Hypertension resolved (HYPRES_COD)
    [InlineData("315051004", ConditionRegister.Diabetes)]
    [InlineData("162660004", ConditionRegister.Asthma)]
    [InlineData("162658001", ConditionRegister.Epilepsy)]
    public void AResolvedCode_PlacesAResolutionOnItsRegister(string code, ConditionRegister register) =>
        Assert.Equal([new RegisterPlacement(register, ConditionKind.Resolved)], Codes.PlacementsOf(code));

    [Fact]
    public void ACodeOnNoCluster_IsOnNoRegister() =>
        // Chronic kidney disease (disorder), unstaged: registers.v1 had it; CKD_COD (stage 3-5) does not.
        Assert.Empty(Codes.PlacementsOf("709044004"));

    [Fact]
    public void LocalLists_AreKept_OnlyForRegistersWithoutAPublishedCluster() =>
        Assert.Equal(
            [ConditionRegister.Cancer, ConditionRegister.PersistentPain, ConditionRegister.Frailty, ConditionRegister.Obesity],
            Codes.Files.Where(f => f.IsLocal).Select(f => f.Placement.Register).Order());

    [Fact]
    public void EveryRegister_HasDiagnosesOfItsOwn_ForTheGeneratorToDrawFrom() =>
        Assert.All(Enum.GetValues<ConditionRegister>(), register =>
        {
            var codes = Codes.DiagnosesOnlyOf(register);
            Assert.NotEmpty(codes);
            Assert.All(codes, code => Assert.Equal([new RegisterPlacement(register, ConditionKind.Diagnosis)], Codes.PlacementsOf(code)));
        });

    [Theory]
    [InlineData("Hypertension,cured,HYP_COD,a.csv", "row 1, column 'kind': not 'diagnosis' or 'resolved' (found 'cured')")]
    [InlineData("Gout,diagnosis,local,a.csv", "row 1, column 'register': not a condition register (found 'Gout')")]
    [InlineData("Hypertension,diagnosis,local,../a.csv", "row 1, column 'file': not a file inside code-lists/ (found '../a.csv')")]
    public void ABadListRow_IsRefused_NamingTheRowAndColumn(string row, string problem)
    {
        Write("registers.v2.csv", "register,kind,source,file", row);
        Write("a.csv", "code,term", "38341003,Hypertensive disorder");

        var error = Assert.Throws<ReferenceDataException>(() => RegisterCodeList.Load(_folder));

        Assert.Equal($"{Path.Combine(_folder, "code-lists", "registers.v2.csv")}: {problem}.", error.Message);
    }

    [Theory]
    [InlineData("38341004", "the check digit does not match (Verhoeff)")]
    [InlineData("162659009", "both a diagnosis and a resolution of Hypertension")]
    public void ABadCode_IsRefused_NamingItsFileAndRow(string code, string problem)
    {
        Write("registers.v2.csv", "register,kind,source,file", "Hypertension,resolved,local,r.csv", "Hypertension,diagnosis,local,a.csv");
        Write("r.csv", "code,term", "162659009,Hypertension resolved");
        Write("a.csv", "code,term", "38341003,Hypertensive disorder", $"{code},Something");

        var error = Assert.Throws<ReferenceDataException>(() => RegisterCodeList.Load(_folder));

        Assert.Equal($"{Path.Combine(_folder, "code-lists", "a.csv")}: row 2, column 'code': {problem} (found '{code}').", error.Message);
    }

    // SHA-1 only to compare with the published digests: nothing is protected by it.
#pragma warning disable CA5350
    private static string Sha1Of(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA1.HashData(content));
#pragma warning restore CA5350

    /// <summary>The codes of a <c>code,term</c> file read as bytes, without a CSV reader: the first field of each line after the header.</summary>
    private static List<string> RawCodes(string path) =>
        [.. Encoding.UTF8.GetString(File.ReadAllBytes(path)).Split('\n').Skip(1).Where(line => line.Length > 0).Select(line => line.TrimEnd('\r').Split(',')[0])];

    private void Write(string file, params string[] lines)
    {
        Directory.CreateDirectory(Path.Combine(_folder, "code-lists"));
        File.WriteAllLines(Path.Combine(_folder, "code-lists", file), lines);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
