using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using Phm.Data.Population;

namespace Phm.Api.Tests.Governance;

/// <summary>
/// The generator's truth is the ceiling models are measured against, not something to serve: the API's compiled code
/// names none of its types and no SQL of the API mentions its table.
/// </summary>
public sealed class GeneratorTruthIsolationTests
{
    private static readonly Type[] TruthTypes = [typeof(GeneratorTruth), typeof(GeneratedTruth), typeof(GeneratedOutcome), typeof(GeneratedPatient)];

    [Fact]
    public void TheApi_ReferencesNoTypeOfTheGeneratorsTruth()
    {
        var (typeReferences, _) = ReadApiAssembly();

        Assert.Empty(typeReferences.Intersect(TruthTypes.Select(t => t.FullName!)));
    }

    [Fact]
    public void TheApi_HasNoStringNamingTheTruthTable()
    {
        var (_, strings) = ReadApiAssembly();

        Assert.DoesNotContain(strings, s => s.Contains(nameof(GeneratorTruth), StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Every type the API's assembly refers to in another assembly, and every string literal it holds.</summary>
    private static (HashSet<string> TypeReferences, List<string> Strings) ReadApiAssembly()
    {
        using var pe = new PEReader(File.OpenRead(typeof(PhmSchema).Assembly.Location));
        var metadata = pe.GetMetadataReader();
        var types = metadata.TypeReferences
            .Select(handle => metadata.GetTypeReference(handle))
            .Select(t => $"{metadata.GetString(t.Namespace)}.{metadata.GetString(t.Name)}")
            .ToHashSet();
        var strings = new List<string>();
        for (var handle = MetadataTokens.UserStringHandle(1); !handle.IsNil; handle = metadata.GetNextHandle(handle))
            strings.Add(metadata.GetUserString(handle));
        Assert.Contains("Phm.Data.Patients.Patient", types);
        return (types, strings);
    }
}
