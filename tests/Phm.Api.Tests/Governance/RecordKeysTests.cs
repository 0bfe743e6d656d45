using Microsoft.EntityFrameworkCore;
using Phm.Api.Governance;

namespace Phm.Api.Tests.Governance;

/// <summary>A cell (how many patients, the sum of their record keys) counted in SQL (<see cref="RecordKeys"/>), or summed from ids already read (<see cref="CellCount.Of"/>).</summary>
public sealed class RecordKeysTests(SampleSchemaFixture fixture) : IClassFixture<SampleSchemaFixture>
{
    [Fact]
    public async Task ACellSummedFromThePatientsIds_IsTheCellCountedOverTheirRows()
    {
        await using var db = fixture.OpenContext();
        var everyone = db.Patients.IgnoreQueryFilters();
        var some = everyone.Where(p => p.Id % 2 == 1);

        Assert.Equal(await everyone.CellAsync(p => p.Id, CancellationToken.None), CellCount.Of(await everyone.Select(p => p.Id).ToListAsync()));
        Assert.Equal(await some.CellAsync(p => p.Id, CancellationToken.None), CellCount.Of(await some.Select(p => p.Id).ToListAsync()));
        Assert.Equal(CellCount.Empty, CellCount.Of([]));
    }
}
