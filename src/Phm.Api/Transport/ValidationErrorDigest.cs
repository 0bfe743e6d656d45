using System.Text.RegularExpressions;
using GraphQL;
using GraphQL.Validation;
using GraphQL.Validation.Errors;
using GraphQLParser.AST;

namespace Phm.Api.Transport;

/// <summary>
/// The errors of a request refused before it ran (parse, validation or variable errors), as the client gets them: each rule
/// reports a name once, at most <see cref="GraphQLHttpOptions.MaxErrors"/> in all, so that no document multiplies the response;
/// and while introspection is off, worded with only the names the document itself holds. GraphQL.NET's messages name the
/// types and arguments around a wrong guess ("Cannot query field 'x' on type 'Patient'"), from which the schema can be rebuilt
/// one guess at a time.
/// </summary>
internal sealed partial class ValidationErrorDigest(GraphQLHttpOptions options)
{
    /// <summary>The response's <c>extensions</c> entry that counts the errors left out.</summary>
    public const string OmittedErrorsExtension = "omittedErrors";

    private readonly bool hideSchema = !options.Introspection;

    public void Apply(ExecutionResult result)
    {
        if (result.Executed || result.Errors is not { Count: > 0 } errors)
            return;
        var shown = new ExecutionErrors();
        var seen = new HashSet<(string?, string)>();
        var omitted = 0;
        foreach (var error in errors)
        {
            var worded = hideSchema ? WithoutSchemaNames(error) : error;
            if (!seen.Add((worded.Code, worded.Message)))
                continue;
            if (shown.Count < options.MaxErrors)
                shown.Add(worded);
            else
                omitted++;
        }
        result.Errors = shown;
        if (omitted > 0)
            (result.Extensions ??= [])[OmittedErrorsExtension] = omitted;
    }

    /// <summary>
    /// The error reworded where GraphQL.NET's message names anything from the schema that the document did not (a type, a required
    /// argument, an expected type); every other error names only what the document wrote, and is kept as it is.
    /// </summary>
    private static ExecutionError WithoutSchemaNames(ExecutionError error)
    {
        if (error is not ValidationError validation)
            return error;
        var node = validation.Nodes.FirstOrDefault();
        var message = validation switch
        {
            FieldsOnCorrectTypeError => $"Cannot query field '{NameOf(node)}'.",
            KnownArgumentNamesError => $"Unknown argument '{NameOf(node)}'.",
            KnownTypeNamesError => $"Unknown type '{NameOf(node)}'.",
            ProvidedNonNullArgumentsError => $"'{NameOf(node)}' is missing a required argument.",
            ScalarLeafsError when node is GraphQLField => $"Field '{NameOf(node)}' must have a selection of subfields.",
            ScalarLeafsError => "This field has no subfields to select.",
            ArgumentsOfCorrectTypeError => $"Argument '{NameOf(node)}' has an invalid value.",
            DefaultValuesOfCorrectTypeError => "This default value does not fit its variable's type.",
            VariablesInAllowedPositionError => $"Variable '${VariableNamed().Match(validation.Message).Groups["name"].Value}' is used where its type is not allowed.",
            PossibleFragmentSpreadsError => "This fragment can never apply here.",
            OverlappingFieldsCanBeMergedError => $"Fields '{ResponseNameOf(node)}' conflict; use different aliases to fetch both.",
            InvalidVariableError when SaysOnlyWhyItsVariableIsInvalid(validation.Message, NameOf(node)) => null,
            InvalidVariableError => $"Variable '${NameOf(node)}' is invalid.",
            _ => null,
        };
        if (message is null)
            return error;
        var reworded = new ValidationError(message) { Code = validation.Code, Number = validation.Number };
        foreach (var location in validation.Locations ?? [])
            reworded.AddLocation(location);
        return reworded;
    }

    /// <summary>
    /// Whether a variable's error is about the variable as declared ("Received a null input for a non-null variable."), naming
    /// nothing else; about a field inside it, or a conversion, it would name the input type's fields or types.
    /// </summary>
    private static bool SaysOnlyWhyItsVariableIsInvalid(string message, string variable)
    {
        var prefix = $"Variable '${variable}' is invalid.";
        return message.StartsWith(prefix, StringComparison.Ordinal) && !message.AsSpan(prefix.Length).Contains('\'');
    }

    private static string NameOf(ASTNode? node) => node switch
    {
        GraphQLField field => field.Name.StringValue,
        GraphQLArgument argument => argument.Name.StringValue,
        GraphQLDirective directive => directive.Name.StringValue,
        GraphQLNamedType type => type.Name.StringValue,
        GraphQLVariableDefinition variable => variable.Variable.Name.StringValue,
        GraphQLFragmentSpread spread => spread.FragmentName.Name.StringValue,
        _ => string.Empty,
    };

    private static string ResponseNameOf(ASTNode? node) =>
        node is GraphQLField { Alias: { } alias } ? alias.Name.StringValue : NameOf(node);

    /// <summary>The variable a <see cref="VariablesInAllowedPositionError"/> is about, the first name in its message; it carries no node.</summary>
    [GeneratedRegex(@"^Variable '\$(?<name>[_A-Za-z][_0-9A-Za-z]*)'")]
    private static partial Regex VariableNamed();
}
