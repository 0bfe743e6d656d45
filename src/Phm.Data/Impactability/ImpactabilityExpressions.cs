using System.Linq.Expressions;
using Phm.Data.Patients;
using Phm.Data.Store;

namespace Phm.Data.Impactability;

/// <summary>Joins predicates on a patient into one, so EF Core sees a single condition.</summary>
internal static class ImpactabilityExpressions
{
    public static Expression<Func<Patient, bool>> And(Expression<Func<Patient, bool>> left, Expression<Func<Patient, bool>> right) =>
        Expression.Lambda<Func<Patient, bool>>(Expression.AndAlso(left.Body, BodyOn(right, left.Parameters[0])), left.Parameters);

    /// <summary>The number of <paramref name="predicates"/> that hold: a sum of CASE WHEN … THEN 1 ELSE 0 END in SQL.</summary>
    public static Expression<Func<Patient, int>> CountOf(IReadOnlyList<Expression<Func<Patient, bool>>> predicates)
    {
        var patient = Expression.Parameter(typeof(Patient), "p");
        var sum = predicates
            .Select(predicate => (Expression)Expression.Condition(BodyOn(predicate, patient), Expression.Constant(1), Expression.Constant(0)))
            .Aggregate(Expression.Add);
        return Expression.Lambda<Func<Patient, int>>(sum, patient);
    }

    private static Expression BodyOn(Expression<Func<Patient, bool>> predicate, ParameterExpression patient) =>
        new ExpressionRules.ParameterReplacer(new() { [predicate.Parameters[0]] = patient }).Visit(predicate.Body);
}
