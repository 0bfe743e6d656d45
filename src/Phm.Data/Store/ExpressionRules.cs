using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Phm.Data.Store;

/// <summary>
/// Lets a rule stated once as an expression beside its entity (such as <see cref="Practices.PcnMembership.InForceOn"/>) be used
/// inside other queries and query filters: <see cref="Inline{TDelegate}"/> replaces each <see cref="Invoke{T1, T2, TResult}"/> of a rule
/// by the rule's body, so EF Core translates it to SQL like any other condition.
/// </summary>
public static class ExpressionRules
{
    /// <summary>Marks where <paramref name="rule"/> applies inside an expression given to <see cref="Inline{TDelegate}"/>; not evaluated itself.</summary>
    public static TResult Invoke<T1, T2, TResult>(this Expression<Func<T1, T2, TResult>> rule, T1 first, T2 second) =>
        throw new InvalidOperationException($"{nameof(Invoke)} marks a rule inside an expression passed to {nameof(ExpressionRules)}.{nameof(Inline)}; it is never run.");

    /// <summary><paramref name="expression"/> with the body of every rule it invokes written out in place.</summary>
    public static Expression<TDelegate> Inline<TDelegate>(Expression<TDelegate> expression) => (Expression<TDelegate>)new Inliner().Visit(expression);

    private sealed class Inliner : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.DeclaringType != typeof(ExpressionRules) || node.Method.Name != nameof(Invoke))
                return base.VisitMethodCall(node);
            // The rule is a static member, so it can be read now; its arguments stay expressions of the enclosing query.
            var rule = RuleOf(node.Arguments[0]);
            var arguments = rule.Parameters
                .Select((parameter, i) => (parameter, argument: Visit(node.Arguments[i + 1])))
                .ToDictionary(pair => pair.parameter, pair => pair.argument);
            return Visit(new ParameterReplacer(arguments).Visit(rule.Body));
        }

        /// <summary>Read by reflection rather than compiled: inlining runs on every query that uses a rule.</summary>
        private static LambdaExpression RuleOf(Expression rule) => rule switch
        {
            MemberExpression { Expression: null, Member: PropertyInfo property } => (LambdaExpression)property.GetValue(null)!,
            MemberExpression { Expression: null, Member: FieldInfo field } => (LambdaExpression)field.GetValue(null)!,
            _ => Expression.Lambda<Func<LambdaExpression>>(rule).Compile()(),
        };
    }

    /// <summary>Both conditions as one, on the parameter of <paramref name="left"/>, so EF Core sees a single condition.</summary>
    public static Expression<Func<T, bool>> And<T>(Expression<Func<T, bool>> left, Expression<Func<T, bool>> right) =>
        Expression.Lambda<Func<T, bool>>(Expression.AndAlso(left.Body, BodyOn(right, left.Parameters[0])), left.Parameters);

    /// <summary>
    /// The predicate <paramref name="rule"/> states over its first parameter and a value, with the value given by <paramref name="value"/>:
    /// <see cref="Captured{T}"/> for a query built per request, or a compiled query's own parameter.
    /// </summary>
    public static Expression<Func<T, bool>> Bind<T, TValue>(Expression<Func<T, TValue, bool>> rule, Expression value) =>
        Expression.Lambda<Func<T, bool>>(new ParameterReplacer(new() { [rule.Parameters[1]] = value }).Visit(rule.Body), rule.Parameters[0]);

    /// <summary>
    /// <paramref name="value"/> as a captured variable's expression (a field of an object), which EF Core sends as a parameter of a
    /// statement it builds once for every value, where a constant would be written into the SQL.
    /// </summary>
    public static Expression Captured<T>(T value) => Expression.Field(Expression.Constant(new StrongBox<T>(value)), nameof(StrongBox<T>.Value));

    /// <summary>The body of <paramref name="lambda"/> with its one parameter replaced by <paramref name="argument"/> (a parameter, or any expression of its type).</summary>
    public static Expression BodyOn<T, TResult>(Expression<Func<T, TResult>> lambda, Expression argument) =>
        new ParameterReplacer(new() { [lambda.Parameters[0]] = argument }).Visit(lambda.Body);

    /// <summary>
    /// <paramref name="rule"/>, stated over a value, applied to the value <paramref name="valueOf"/> reads from each row: one lambda on the
    /// row that EF Core translates whole (e.g. a scope rule over a patient id, applied to each record's patient id).
    /// </summary>
    public static Expression<Func<T, TResult>> Applied<T, TValue, TResult>(Expression<Func<TValue, TResult>> rule, Expression<Func<T, TValue>> valueOf) =>
        Expression.Lambda<Func<T, TResult>>(BodyOn(rule, valueOf.Body), valueOf.Parameters);

    /// <summary>An expression with some of its parameters replaced by other expressions.</summary>
    public sealed class ParameterReplacer(Dictionary<ParameterExpression, Expression> arguments) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => arguments.GetValueOrDefault(node) ?? node;
    }
}
