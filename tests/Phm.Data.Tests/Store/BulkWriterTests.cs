using Microsoft.EntityFrameworkCore;
using Phm.Data.Population;
using Phm.Data.Store;

namespace Phm.Data.Tests.Store;

/// <summary>
/// The population is generated on a thread of its own while the copy writes the rows made before (<see cref="BulkWriter"/>):
/// whichever side fails, the write fails with that failure, and the caller's rollback leaves nothing of it.
/// </summary>
public sealed class BulkWriterTests
{
    private const int Population = 3_000;

    [SkippableTheory, ProviderData]
    public async Task AGeneratorThatFailsMidCopy_FailsTheWriteWithItsOwnException_AndTheRollbackLeavesNoRow(DatabaseProvider provider)
    {
        await using var database = TestDatabase.For(provider);
        var store = database.Store(Population, 7);
        await Assert.ThrowsAsync<InjectedFault>(() =>
            WriteAndRollBackOnFailureAsync(store, FaultingPartWay(() => throw new InjectedFault()), CancellationToken.None));

        await AssertNothingWrittenAsync(store);
    }

    [SkippableTheory, ProviderData]
    public async Task ACancelledWrite_StopsTheGeneratorAndTheCopy_AndTheRollbackLeavesNoRow(DatabaseProvider provider)
    {
        await using var database = TestDatabase.For(provider);
        var store = database.Store(Population, 7);
        using var cancellation = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            WriteAndRollBackOnFailureAsync(store, FaultingPartWay(cancellation.Cancel), cancellation.Token));

        await AssertNothingWrittenAsync(store);
    }

    [SkippableTheory, ProviderData]
    public async Task AWholeWrite_CopiesEveryPatientInOrder(DatabaseProvider provider)
    {
        await using var database = TestDatabase.For(provider);
        var store = database.Store(Population, 7);
        var generated = Generated().ToList();

        await WriteAndRollBackOnFailureAsync(store, generated, CancellationToken.None);

        await using var db = store.CreateContext();
        Assert.Equal(generated.Select(g => g.Patient.Pseudonym), await db.Patients.OrderBy(p => p.Id).Select(p => p.Pseudonym).ToListAsync());
        Assert.Equal(generated.Sum(g => g.Patient.Activities.Count), await db.Activities.CountAsync());
        Assert.Equal(generated.Sum(g => g.Patient.Activities.Count), await db.Activities.MaxAsync(a => a.Id));
    }

    private static IEnumerable<GeneratedPatient> Generated() =>
        PopulationGenerator.Generate(TestReference.Data, new PopulationSettings(7, Population, TestReference.Southampton));

    /// <summary>The population, with <paramref name="fault"/> at its 2,001st patient: tens of thousands of rows, many batches after the copy started.</summary>
    private static IEnumerable<GeneratedPatient> FaultingPartWay(Action fault) => Generated().Select((patient, i) =>
    {
        if (i == 2_000)
            fault();
        return patient;
    });

    /// <summary>As the store build does: the reference rows, then the population, in one transaction committed only when whole.</summary>
    private static async Task WriteAndRollBackOnFailureAsync(PhmStore store, IEnumerable<GeneratedPatient> population, CancellationToken cancellationToken)
    {
        await store.MigrateAsync(CancellationToken.None);
        await using var db = store.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        db.Lsoas.AddRange(TestReference.Data.Lsoas);
        db.Pcns.AddRange(TestReference.Data.Pcns);
        db.Practices.AddRange(TestReference.Data.Practices);
        await db.SaveChangesAsync(CancellationToken.None);
        await new BulkWriter(db, PhaseStopwatch.None).WriteAsync(population, PopulationSettings.ReferenceDate, tablesEmptiedInTransaction: false, cancellationToken);
        await transaction.CommitAsync(CancellationToken.None);
    }

    private static async Task AssertNothingWrittenAsync(PhmStore store)
    {
        await using var db = store.CreateContext();
        Assert.Equal((0, 0, 0), (await db.Patients.CountAsync(), await db.Activities.CountAsync(), await db.Practices.CountAsync()));
    }

    private sealed class InjectedFault() : Exception("A fault injected into the generator.");
}
