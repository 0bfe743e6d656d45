using Microsoft.EntityFrameworkCore;
using Phm.Api.Loading;
using Phm.Data.Risk;
using Phm.Data.Store;

namespace Phm.Api.Risk;

/// <summary>A patient's score from one model.</summary>
public sealed record PatientModel(int PatientId, string Model);

/// <summary>Patients' scores: one query per model asked for in a batch (usually one), through the request's scoped context.</summary>
public sealed class RiskScoreByPatientLoader(PhmDbContext db) : BatchLoader<PatientModel, RiskScore>
{
    protected override async Task<IReadOnlyDictionary<PatientModel, RiskScore>> FetchAsync(IReadOnlyCollection<PatientModel> keys, CancellationToken cancellationToken)
    {
        var scores = new Dictionary<PatientModel, RiskScore>();
        foreach (var model in keys.GroupBy(k => k.Model))
        {
            var patientIds = model.Select(k => k.PatientId).ToList();
            var rows = await db.RiskScores.AsNoTracking()
                .Where(s => s.Model == model.Key && patientIds.Contains(s.PatientId))
                .ToListAsync(cancellationToken);
            foreach (var row in rows)
                scores.Add(new(row.PatientId, row.Model), row);
        }
        return scores;
    }
}
