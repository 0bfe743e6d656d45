using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace Phm.Api.Transport;

/// <summary>
/// Serves the vendored GraphiQL build (<c>wwwroot/graphiql</c>, embedded in the assembly), so the hub needs neither a CDN nor node at run time.
/// The page finds the GraphQL endpoint as its own path, so it works at whatever path it is served from.
/// </summary>
internal sealed class GraphiQLAssets
{
    /// <summary>Where the bundle's files are served; the bundle is built for this base (<c>graphiql-build/vite.config.js</c>).</summary>
    public const string BasePath = "/graphiql";

    /// <summary>
    /// Everything from the hub itself. Styles allow inline because the editor (Monaco) injects style elements at run time;
    /// scripts do not, and workers are the bundle's own files.
    /// </summary>
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; worker-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>Vite puts a content hash in every file name under <c>assets/</c>, so a given URL never changes content.</summary>
    private const string HashedAssetsFolder = "assets/";

    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    private readonly ManifestEmbeddedFileProvider files = new(typeof(GraphiQLAssets).Assembly, "wwwroot/graphiql");

    public Task WritePageAsync(HttpContext context) => WriteFileAsync(context, "index.html");

    public Task WriteFileAsync(HttpContext context, string path)
    {
        var file = files.GetFileInfo(path);
        if (!file.Exists || file.IsDirectory)
            return TypedResults.NotFound().ExecuteAsync(context);

        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        // frame-ancestors in the policy says the same to current browsers; this header says it to older ones.
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = path.StartsWith(HashedAssetsFolder, StringComparison.Ordinal)
            ? "public, max-age=31536000, immutable"
            : "no-cache";

        return TypedResults.Stream(file.CreateReadStream(), ContentTypeOf(path), lastModified: file.LastModified).ExecuteAsync(context);
    }

    /// <summary>The bundle's text files (HTML, CSS, JavaScript, the licences) are all UTF-8.</summary>
    private static string ContentTypeOf(string path) =>
        !ContentTypes.TryGetContentType(path, out var contentType) ? "application/octet-stream"
        : contentType.StartsWith("text/", StringComparison.Ordinal) ? contentType + "; charset=utf-8"
        : contentType;
}
