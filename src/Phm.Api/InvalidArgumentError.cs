using GraphQL.Validation;

namespace Phm.Api;

/// <summary>
/// An argument the hub cannot answer. Raised while the document is validated, before any patient data is read, so a request
/// with a bad argument returns no data at all. The message names the argument and the reason; <c>extensions.code</c> says which rule failed.
/// </summary>
public class InvalidArgumentError : ValidationError
{
    public InvalidArgumentError(string argument, string reason, string code)
        : base($"Argument '{argument}' is invalid: {reason}")
    {
        Argument = argument;
        Code = code;
    }

    /// <summary>The argument's path, e.g. <c>filter.nationalQuintile</c>.</summary>
    public string Argument { get; }
}
