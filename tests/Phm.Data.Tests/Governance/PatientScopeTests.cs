using Microsoft.EntityFrameworkCore;
using Phm.Data.Governance;
using Phm.Data.Store;

namespace Phm.Data.Tests.Governance;

/// <summary>The store's own guard: a context scoped to a PCN cannot read another PCN's patients or their records, on every provider.</summary>
public sealed class PatientScopeTests
{
    private const string Bitterne = "U97340";

    [SkippableTheory, ProviderData]
    public async Task ContextScopedToAPcn_ReadsOnlyItsRegisteredPatientsAndTheirRecords(DatabaseProvider provider)
    {
        await using var database = TestDatabase.For(provider);
        var store = database.Store(1000, 7);
        var manifest = await store.EnsureReadyAsync(CancellationToken.None);
        await using var db = store.CreateContext();
        var practicesOfPcn = await db.PcnMemberships
            .Where(m => m.PcnCode == Bitterne && m.ValidFrom <= manifest.ReferenceDate && (m.ValidTo == null || manifest.ReferenceDate <= m.ValidTo))
            .Select(m => m.PracticeCode).ToListAsync();
        var expectedIds = await db.Patients.Where(p => practicesOfPcn.Contains(p.PracticeCode)).Select(p => p.Id).OrderBy(id => id).ToListAsync();

        db.PatientScope = PatientScope.RegisteredIn(Bitterne);

        Assert.NotEmpty(expectedIds);
        Assert.Equal(expectedIds, await db.Patients.Select(p => p.Id).OrderBy(id => id).ToListAsync());
        Assert.All(await db.Conditions.Select(c => c.PatientId).Distinct().ToListAsync(), id => Assert.Contains(id, expectedIds));
        Assert.All(await db.Activities.Select(a => a.PatientId).Distinct().ToListAsync(), id => Assert.Contains(id, expectedIds));
        Assert.All(await db.CareFlags.Select(f => f.PatientId).Distinct().ToListAsync(), id => Assert.Contains(id, expectedIds));

        db.PatientScope = PatientScope.Everyone;
        Assert.Equal(1000, await db.Patients.CountAsync());
    }

    [SkippableTheory, ProviderData]
    public async Task ContextScopedToAPcn_ListingItsPractices_ReadsTheSamePatientsAndRecords_AsOneThatLooksThemUp(DatabaseProvider provider)
    {
        await using var database = TestDatabase.For(provider);
        await using var db = await OpenReadyStoreAsync(database);
        var reference = await StoreReference.LoadAsync(db, await StoreReference.ReadStampAsync(db, CancellationToken.None), CancellationToken.None);
        db.PatientScope = PatientScope.RegisteredIn(Bitterne);
        var lookedUp = (await db.Patients.Select(p => p.Id).OrderBy(id => id).ToListAsync(), await db.Conditions.CountAsync());

        db.PatientScope = PatientScope.RegisteredIn(Bitterne) with { PracticeCodes = reference.PracticeCodesOf(Bitterne) };
        var listed = (await db.Patients.Select(p => p.Id).OrderBy(id => id).ToListAsync(), await db.Conditions.CountAsync());

        Assert.NotEmpty(lookedUp.Item1);
        Assert.Equal(lookedUp.Item1, listed.Item1);
        Assert.Equal(lookedUp.Item2, listed.Item2);
    }

    [SkippableTheory, ProviderData]
    public async Task PatientsOfAPractice_InAScopeListingIt_AreThatPracticesPatients_AndOfAPracticeOutsideIt_None(DatabaseProvider provider)
    {
        await using var database = TestDatabase.For(provider);
        await using var db = await OpenReadyStoreAsync(database);
        var reference = await StoreReference.LoadAsync(db, await StoreReference.ReadStampAsync(db, CancellationToken.None), CancellationToken.None);
        var ownPractice = reference.PracticeCodesOf(Bitterne)[0];
        var otherPractice = await db.Patients.Select(p => p.PracticeCode).Where(code => !reference.PracticeCodesOf(Bitterne).Contains(code)).FirstAsync();
        var ownPatients = await db.Patients.Where(p => p.PracticeCode == ownPractice).Select(p => p.Id).OrderBy(id => id).ToListAsync();

        db.PatientScope = PatientScope.RegisteredIn(Bitterne) with { PracticeCodes = reference.PracticeCodesOf(Bitterne) };

        Assert.NotEmpty(ownPatients);
        Assert.Equal(ownPatients, await db.PatientsOf(ownPractice).Select(p => p.Id).OrderBy(id => id).ToListAsync());
        Assert.Empty(await db.PatientsOf(otherPractice).Where(p => p.PracticeCode == otherPractice).ToListAsync());
    }

    [SkippableTheory, ProviderData]
    public async Task ActivitiesOfPatients_InAScopedContext_AreThoseOfTheAskedPatientsItSees_AndNoneOfAnotherPcns(DatabaseProvider provider)
    {
        await using var database = TestDatabase.For(provider);
        await using var db = await OpenReadyStoreAsync(database);
        var reference = await StoreReference.LoadAsync(db, await StoreReference.ReadStampAsync(db, CancellationToken.None), CancellationToken.None);
        var ownPractices = reference.PracticeCodesOf(Bitterne);
        var withActivity = db.Patients.Where(p => db.Activities.Any(a => a.PatientId == p.Id));
        var own = await withActivity.Where(p => ownPractices.Contains(p.PracticeCode)).Select(p => p.Id).OrderBy(id => id).Take(3).ToListAsync();
        var other = await withActivity.Where(p => !ownPractices.Contains(p.PracticeCode)).Select(p => p.Id).OrderBy(id => id).Take(3).ToListAsync();
        var ownActivities = await db.Activities.Where(a => own.Contains(a.PatientId)).Select(a => a.Id).OrderBy(id => id).ToListAsync();

        foreach (var scope in new[] { PatientScope.RegisteredIn(Bitterne), PatientScope.RegisteredIn(Bitterne) with { PracticeCodes = ownPractices } })
        {
            db.PatientScope = scope;
            Assert.Equal(ownActivities, await db.ActivitiesOf([.. own, .. other]).Select(a => a.Id).OrderBy(id => id).ToListAsync());
            Assert.Empty(await db.ActivitiesOf(other).ToListAsync());
        }
        Assert.NotEmpty(ownActivities);
        Assert.NotEmpty(other);
    }

    /// <summary>A context over a store of 1,000 patients built on <paramref name="database"/>.</summary>
    private static async Task<PhmDbContext> OpenReadyStoreAsync(TestDatabase database)
    {
        var store = database.Store(1000, 7);
        await store.EnsureReadyAsync(CancellationToken.None);
        return store.CreateContext();
    }

    [SkippableTheory, ProviderData]
    public async Task AuditEvent_OnceSaved_CannotBeChangedOrDeleted(DatabaseProvider provider)
    {
        await using var database = TestDatabase.For(provider);
        var store = database.Store(100, 7);
        await store.EnsureReadyAsync(CancellationToken.None);
        await using var db = store.CreateContext();
        var auditEvent = new AuditEvent
        {
            AtUtc = DateTimeOffset.UnixEpoch,
            Subject = "s",
            Role = "clinician",
            Field = "patients",
            QueryHash = new string('0', 64),
            PatientsReturned = 1,
        };
        db.AuditEvents.Add(auditEvent);
        await db.SaveChangesAsync();

        db.AuditEvents.Remove(auditEvent);

        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }
}
