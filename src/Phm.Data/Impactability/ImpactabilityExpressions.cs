using System.Linq.Expressions;
using Phm.Data.Patients;
using Phm.Data.Store;

namespace Phm.Data.Impactability;

/// <summary>Counts the predicates on a patient that hold, as one SQL expression.</summary>
internal static class ImpactabilityExpressions
{
    /// <summary>The number of <paramref name="predicates"/> that hold: a sum of CASE WHEN … THEN 1 ELSE 0 END in SQL.</summary>
    public static Expression<Func<Patient, int>> CountOf(IReadOnlyList<Expression<Func<Patient, bool>>> predicates)
    {
        var patient = Expression.Parameter(typeof(Patient), "p");
        var sum = predicates
            .Select(predicate => (Expression)Expression.Condition(ExpressionRules.BodyOn(predicate, patient), Expression.Constant(1), Expression.Constant(0)))
            .Aggregate(Expression.Add);
        return Expression.Lambda<Func<Patient, int>>(sum, patient);
    }
}
