using Hl7.Fhir.Model;
using Phm.Data.Pseudonymisation;

namespace Phm.Data.Ingest;

/// <summary>
/// What makes a source record the same record in a later extract (docs/ingest.md, "What identifies a record"), as a keyed
/// hash: the ledger never holds the identifier itself. Null for a record with no identity, which falls back to its content.
/// </summary>
internal sealed class SourceRecordIdentity(Pseudonymiser pseudonymiser, string sourceSystem) : IDisposable
{
    private readonly RecordIdentityHasher _hasher = pseudonymiser.CreateRecordIdentityHasher();

    /// <summary>
    /// A FHIR resource's first identifier with a system and a value (the system is a global namespace, so the source
    /// system need not qualify it), else its logical id, unique only on its server and so qualified by the source system.
    /// A bundle entry's <c>fullUrl</c> is not an identity: a transaction's <c>urn:uuid</c> is new each time it is sent.
    /// </summary>
    public string? Of(Resource resource)
    {
        var identifier = (resource as IIdentifiable<List<Identifier>>)?.Identifier
            .Select(i => (i.System, i.Value)).FirstOrDefault(i => !string.IsNullOrEmpty(i.System) && !string.IsNullOrEmpty(i.Value));
        if (identifier is ({ } system, { } value))
            return _hasher.Hash("fhir-identifier", system, value);
        return string.IsNullOrEmpty(resource.Id) ? null : _hasher.Hash("fhir-id", sourceSystem, resource.TypeName, resource.Id);
    }

    /// <summary>A CSV row's <c>record_id</c>, unique within its file's kind in the source system; blank is none.</summary>
    public string? OfCsvRow(string file, string? recordId) =>
        string.IsNullOrEmpty(recordId) ? null : _hasher.Hash("csv-record-id", sourceSystem, file, recordId);

    public void Dispose() => _hasher.Dispose();
}
