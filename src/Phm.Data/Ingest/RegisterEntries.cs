using Phm.Data.Patients;
using Phm.Data.Terminology;

namespace Phm.Data.Ingest;

/// <summary>What one coded source condition becomes in the store, for CSV and FHIR alike.</summary>
internal static class RegisterEntries
{
    /// <summary>
    /// An entry on each register the code places it on, diagnosis or resolution, each recording the code list that
    /// placed it. Ages are not checked here: the entry is kept, and <see cref="RegisterRules"/> decides on each day
    /// whether the patient is old enough to be on the register.
    /// </summary>
    public static IReadOnlyList<Condition> Of(string snomedCode, IReadOnlyList<RegisterPlacement> placements, DateOnly date) =>
        [.. placements.Select(p => new Condition { Register = p.Register, Kind = p.Kind, SnomedCode = snomedCode, OnsetDate = date, CodeList = RegisterCodeList.Version })];
}
