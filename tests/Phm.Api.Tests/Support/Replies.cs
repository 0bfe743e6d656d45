namespace Phm.Api.Tests.Support;

/// <summary>Response content types and bodies the tables expect, spelled out as the client receives them.</summary>
internal static class Replies
{
    public const string Json = "application/json; charset=utf-8";
    public const string GraphQLResponseJson = "application/graphql-response+json; charset=utf-8";

    public const string Greeting = """{"data":{"greeting":"Hello, world!"}}""";

    public const string NotAcceptable =
        """{"errors":[{"message":"None of the media types in the Accept header can be served; accept application/json.","extensions":{"code":"NOT_ACCEPTABLE","codes":["NOT_ACCEPTABLE"]}}]}""";

    public const string MethodNotAllowed =
        """{"errors":[{"message":"GraphQL requests must use GET or POST.","extensions":{"code":"METHOD_NOT_ALLOWED","codes":["METHOD_NOT_ALLOWED"]}}]}""";

    public const string UnsupportedMediaType =
        """{"errors":[{"message":"A POST body must be application/json in UTF-8.","extensions":{"code":"UNSUPPORTED_MEDIA_TYPE","codes":["UNSUPPORTED_MEDIA_TYPE"]}}]}""";

    public const string InvalidRequestBody =
        """{"errors":[{"message":"The body must be one JSON object, with query and operationName as strings and variables and extensions as objects. Batches are not supported.","extensions":{"code":"INVALID_REQUEST_BODY","codes":["INVALID_REQUEST_BODY"]}}]}""";

    public const string InvalidQueryString =
        """{"errors":[{"message":"The query string must give each of query, operationName, variables and extensions at most once, the last two as JSON objects.","extensions":{"code":"INVALID_QUERY_STRING","codes":["INVALID_QUERY_STRING"]}}]}""";

    public const string MissingQuery =
        """{"errors":[{"message":"The request has no query parameter.","extensions":{"code":"MISSING_QUERY","codes":["MISSING_QUERY"]}}]}""";

    public const string DocumentOverGet =
        """{"errors":[{"message":"A GET request may only name a registered document (documentId); send the document itself with POST.","extensions":{"code":"DOCUMENT_NOT_ALLOWED_OVER_GET","codes":["DOCUMENT_NOT_ALLOWED_OVER_GET"]}}]}""";

    public const string MutationOverGet =
        """{"errors":[{"message":"Only queries may be sent with GET; send mutations with POST.","locations":[{"line":1,"column":1}],"extensions":{"code":"OPERATION_NOT_ALLOWED_OVER_GET","codes":["OPERATION_NOT_ALLOWED_OVER_GET"]}}]}""";
}
