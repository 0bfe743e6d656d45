using System.Text.RegularExpressions;
using GraphQL;
using GraphQL.Execution;
using Microsoft.Extensions.Options;

namespace Phm.Api.Transport;

/// <summary>
/// What an error tells the client: exception details (types, stack traces, inner exceptions) only in Development, and without
/// introspection no "Did you mean …" suggestions, which would otherwise spell out the schema a field at a time.
/// </summary>
public sealed partial class GraphQLErrorInfoProvider(IOptions<GraphQLHttpOptions> options, IHostEnvironment environment)
    : ErrorInfoProvider(new ErrorInfoProviderOptions { ExposeExceptionDetails = environment.IsDevelopment() })
{
    private readonly bool stripSuggestions = !options.Value.Introspection;

    public override ErrorInfo GetInfo(ExecutionError executionError)
    {
        var info = base.GetInfo(executionError);
        if (stripSuggestions)
            info.Message = Suggestion().Replace(info.Message, string.Empty);
        return info;
    }

    [GeneratedRegex(@"\s*Did you mean .*$", RegexOptions.Singleline)]
    private static partial Regex Suggestion();
}
