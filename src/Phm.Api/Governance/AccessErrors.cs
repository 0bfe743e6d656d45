using GraphQL;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace Phm.Api.Governance;

/// <summary>A field asked for without a valid token. Refused before anything runs.</summary>
public sealed class UnauthenticatedError : ValidationError
{
    public const string ErrorCode = "UNAUTHENTICATED";

    public UnauthenticatedError(ValidationContext context, GraphQLField field)
        : base(context.Document.Source, null, $"Field '{field.Name.StringValue}' needs a bearer token (Authorization: Bearer ...).", field)
    {
        Code = ErrorCode;
    }
}

/// <summary>A field or argument the caller's role may not use. Refused before anything runs.</summary>
public sealed class ForbiddenError : ValidationError
{
    public const string ErrorCode = "FORBIDDEN";

    public ForbiddenError(ValidationContext context, GraphQLField field, IEnumerable<string> allowedRoles)
        : base(context.Document.Source, null, $"Field '{field.Name.StringValue}' is for the roles {string.Join(", ", allowedRoles)}.", field)
    {
        Code = ErrorCode;
    }

    public ForbiddenError(string message) : base(message)
    {
        Code = ErrorCode;
    }
}

/// <summary>A patient outside the clinician's PCN, found while executing: the field is null and this error says why.</summary>
public sealed class PatientOutOfScopeError : ExecutionError
{
    public PatientOutOfScopeError()
        : base("No patient with this id is registered in your PCN.")
    {
        Code = ForbiddenError.ErrorCode;
    }
}
