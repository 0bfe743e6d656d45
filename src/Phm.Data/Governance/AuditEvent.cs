namespace Phm.Data.Governance;

/// <summary>
/// One patient-level read, or one change to a saved cohort: who, when, what was asked, how many patients it returned.
/// Append-only: the API has no way to change a row, and <see cref="Store.PhmDbContext"/> refuses updates and deletes.
/// </summary>
public sealed class AuditEvent
{
    public long Id { get; init; }
    public DateTimeOffset AtUtc { get; init; }

    /// <summary>The token's subject (<c>sub</c>).</summary>
    public required string Subject { get; init; }

    public required string Role { get; init; }

    /// <summary>The clinician's PCN; null for other roles.</summary>
    public string? PcnCode { get; init; }

    public string? OperationName { get; init; }

    /// <summary>The query field that read patients, e.g. <c>patients</c> or <c>patient</c>, or the mutation that changed a cohort, e.g. <c>saveCohort</c>.</summary>
    public required string Field { get; init; }

    /// <summary>SHA-256 of the query document, in lower-case hex: which query ran, without storing its arguments.</summary>
    public required string QueryHash { get; init; }

    public int PatientsReturned { get; init; }

    /// <summary>The saved cohort version read or changed (<see cref="Cohorts.CohortDefinition.Id"/>: the cohort and its version).</summary>
    public int? CohortId { get; init; }
}
