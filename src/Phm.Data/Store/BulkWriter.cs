using Phm.Data.Patients;

namespace Phm.Data.Store;

public sealed class BulkWriter(PhmDbContext db)
{
    public Task WriteAsync(IEnumerable<Patient> patients, CancellationToken cancellationToken) =>
        throw new NotImplementedException($"being written {db} {patients} {cancellationToken}");
}
