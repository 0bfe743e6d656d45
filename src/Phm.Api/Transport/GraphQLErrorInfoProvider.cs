using System.Text.RegularExpressions;
using GraphQL;
using GraphQL.Execution;
using Microsoft.Extensions.Options;
using Phm.Data.Store;

namespace Phm.Api.Transport;

/// <summary>
/// What an error tells the client: exception details (types, stack traces, inner exceptions) only in Development, elsewhere an
/// unhandled exception is just <see cref="InternalErrorCode"/> (its type would name the code behind it, e.g. <c>SQLITE</c>);
/// and without introspection no "Did you mean …" suggestions, which would otherwise spell out the schema a field at a time.
/// A database that cannot be reached or is restarting is <see cref="DatabaseUnavailableCode"/> in every environment: the
/// client may try again, and nothing about the server is told.
/// </summary>
public sealed partial class GraphQLErrorInfoProvider(IOptions<GraphQLHttpOptions> options, IHostEnvironment environment)
    : ErrorInfoProvider(new ErrorInfoProviderOptions { ExposeExceptionDetails = environment.IsDevelopment() })
{
    public const string InternalErrorCode = "INTERNAL_SERVER_ERROR";
    public const string DatabaseUnavailableCode = "DATABASE_UNAVAILABLE";

    private readonly bool stripSuggestions = !options.Value.Introspection;
    private readonly bool hideExceptionTypes = !environment.IsDevelopment();

    public override ErrorInfo GetInfo(ExecutionError executionError)
    {
        if (IsDatabaseUnavailable(executionError))
            return DatabaseUnavailableInfo();
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

    /// <summary>Whether <paramref name="error"/> is a failure to reach the database (<see cref="DatabaseUnavailable"/>), which clients see as <see cref="DatabaseUnavailableCode"/>.</summary>
    public static bool IsDatabaseUnavailable(ExecutionError error) =>
        error is UnhandledError { InnerException: { } exception } && DatabaseUnavailable.Is(exception);

    private static ErrorInfo DatabaseUnavailableInfo() => new()
    {
        Message = "The database is unavailable; try again shortly.",
        Extensions = new Dictionary<string, object?> { ["code"] = DatabaseUnavailableCode, ["codes"] = new[] { DatabaseUnavailableCode } },
    };

    [GeneratedRegex(@"\s*Did you mean .*$", RegexOptions.Singleline)]
    private static partial Regex Suggestion();
}
