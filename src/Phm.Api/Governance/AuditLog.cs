using System.Threading.Channels;
using GraphQL;
using Phm.Api.Transport;
using Phm.Data.Governance;

namespace Phm.Api.Governance;

/// <summary>
/// Where resolvers record patient-level reads. Recording only queues the event (no I/O on the request's path);
/// <see cref="AuditWriter"/> saves the queue in batches. Events are recorded as soon as the data is read, so a request that
/// fails afterwards is still audited.
/// </summary>
public sealed class AuditLog(TimeProvider time)
{
    // Not SingleReader: that channel cannot count its items, which the writer uses to flush a full batch at once.
    private readonly Channel<AuditEvent> _pending = Channel.CreateUnbounded<AuditEvent>();

    internal ChannelReader<AuditEvent> Pending => _pending.Reader;

    /// <summary>
    /// Records that the field being resolved returned <paramref name="patientsReturned"/> patients to the caller, from the saved
    /// cohort version <paramref name="cohortId"/> if they are a cohort's members.
    /// </summary>
    public void RecordPatientRead(IResolveFieldContext context, int patientsReturned, int? cohortId = null)
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
