using System.Net;
using System.Text;

namespace Phm.Web.Tests.Support;

/// <summary>An HTTP handler standing in for the hub's address: answers by path, and keeps every request it was sent.</summary>
public sealed class RecordingHandler : HttpMessageHandler
{
    private readonly Dictionary<string, (HttpStatusCode Status, string Body, string MediaType)> _answers = new(StringComparer.Ordinal);

    public List<string> RequestedPaths { get; } = [];

    public RecordingHandler Answer(string path, string body, string mediaType = "text/plain", HttpStatusCode status = HttpStatusCode.OK)
    {
        _answers[path] = (status, body, mediaType);
        return this;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        RequestedPaths.Add(path);
        var (status, body, mediaType) = _answers.TryGetValue(path, out var answer) ? answer : (HttpStatusCode.NotFound, string.Empty, "text/plain");
        return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) });
    }

    /// <summary>A client factory whose clients send to this handler at http://hub.test/.</summary>
    public IHttpClientFactory AsClientFactory() => new Factory(this);

    private sealed class Factory(RecordingHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false) { BaseAddress = new Uri("http://hub.test/") };
    }
}
