using System.Threading.Channels;
using GraphQL;
using Phm.Api.Transport;
using Phm.Data.Governance;

namespace Phm.Api.Governance;

/// <summary>
/// Where resolvers record patient-level reads and changes to saved cohorts. Recording only queues the event (no I/O on the request's path);
/// <see cref="AuditWriter"/> saves the queue in batches. Events are recorded as soon as the data is read, so a request that
/// fails afterwards is still audited.
/// </summary>
public sealed class AuditLog(TimeProvider time)
{
    // Not SingleReader: that channel cannot count its items, which the writer uses to flush a full batch at once.
    private readonly Channel<AuditEvent> _pending = Channel.CreateUnbounded<AuditEvent>();

    internal ChannelReader<AuditEvent> Pending => _pending.Reader;

    /// <summary>
    /// Records that the field being resolved returned <paramref name="patientsReturned"/> patients to the caller, as members of
    /// the saved cohort <paramref name="cohortId"/> if they were.
    /// </summary>
    public void RecordPatientRead(IResolveFieldContext context, int patientsReturned, int? cohortId = null) => Record(context, patientsReturned, cohortId);

    /// <summary>
    /// Records that the mutation being resolved saved, revised, retired or evaluated the saved cohort version <paramref name="cohortId"/>
    /// (<see cref="Phm.Data.Cohorts.CohortDefinition.Id"/>, which names the cohort and its version); it returned no patients.
    /// </summary>
    public void RecordCohortChange(IResolveFieldContext context, int cohortId) => Record(context, patientsReturned: 0, cohortId);

    private void Record(IResolveFieldContext context, int patientsReturned, int? cohortId)
    {
        var user = context.User!;
        var role = PhmRoles.RoleOf(user) ?? "none";
        _pending.Writer.TryWrite(new AuditEvent
        {
            AtUtc = time.GetUtcNow(),
            Subject = user.FindFirst(PhmRoles.SubjectClaim)?.Value ?? "unknown",
            Role = role,
            PcnCode = role == PhmRoles.Clinician ? PhmRoles.PcnOf(user) : null,
            OperationName = context.Operation.Name?.StringValue,
            Field = context.FieldAst.Name.StringValue,
            QueryHash = TrustedDocuments.HashOf(context.Document.Source.Span),
            PatientsReturned = patientsReturned,
            CohortId = cohortId,
        });
    }

    internal void Complete() => _pending.Writer.TryComplete();
}
