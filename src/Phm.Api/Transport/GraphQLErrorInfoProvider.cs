using System.Text.RegularExpressions;
using GraphQL;
using GraphQL.Execution;
using Microsoft.Extensions.Options;

namespace Phm.Api.Transport;

/// <summary>
/// What an error tells the client: exception details (types, stack traces, inner exceptions) only in Development, elsewhere an
/// unhandled exception is just <see cref="InternalErrorCode"/> (its type would name the code behind it, e.g. <c>SQLITE</c>);
/// and without introspection no "Did you mean …" suggestions, which would otherwise spell out the schema a field at a time.
/// </summary>
public sealed partial class GraphQLErrorInfoProvider(IOptions<GraphQLHttpOptions> options, IHostEnvironment environment)
    : ErrorInfoProvider(new ErrorInfoProviderOptions { ExposeExceptionDetails = environment.IsDevelopment() })
{
    public const string InternalErrorCode = "INTERNAL_SERVER_ERROR";

    private readonly bool stripSuggestions = !options.Value.Introspection;
    private readonly bool hideExceptionTypes = !environment.IsDevelopment();

    public override ErrorInfo GetInfo(ExecutionError executionError)
    {
        var info = base.GetInfo(executionError);
        if (stripSuggestions)
            info.Message = Suggestion().Replace(info.Message, string.Empty);
        if (hideExceptionTypes && executionError is UnhandledError && info.Extensions is { } extensions)
        {
            extensions["code"] = InternalErrorCode;
            extensions["codes"] = new[] { InternalErrorCode };
        }
        return info;
    }

    [GeneratedRegex(@"\s*Did you mean .*$", RegexOptions.Singleline)]
    private static partial Regex Suggestion();
}
