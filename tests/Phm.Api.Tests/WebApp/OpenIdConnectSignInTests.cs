using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Phm.Web.Account;
using Phm.Web.Hub;

namespace Phm.Api.Tests.WebApp;

/// <summary>
/// Signing in to the app with an OpenID Connect issuer (<c>Phm:Auth:Authority</c> and <c>Phm:Web:ClientId</c>): the whole
/// authorization code flow against <see cref="TestIssuer"/>, an issuer in this process (discovery, keys, token endpoint), so
/// no network. The user's browser is this test: it follows the app's redirect to the issuer, "logs in" there, and posts the
/// issuer's answer back to the app, as the issuer's login page would.
/// </summary>
[Collection(HubCollection.Name)]
public sealed class OpenIdConnectSignInTests(PhmApiFactory hub)
{
    private const string Audience = "phm-hub";
    private const string ClientId = "one-team";

    [Fact]
    public async Task AClinician_SignsInWithTheIssuersLogin_AndTheAppReadsTheHubWithTheIssuersAccessToken()
    {
        var issuer = new TestIssuer(ClientId, Audience);
        using var app = WithIssuer(issuer);
        using var browser = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost/"), AllowAutoRedirect = false });

        // The app sends the browser to the issuer's login, for the authorization code flow.
        using var challenge = await browser.GetAsync(AccountPaths.OpenIdConnectSignIn + "?returnUrl=/worklists");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var login = challenge.Headers.Location!;
        Assert.Equal("https://issuer.test/authorize", login.GetLeftPart(UriPartial.Path));
        var asked = QueryHelpers.ParseQuery(login.Query);
        Assert.Equal((ClientId, "code"), (asked["client_id"].ToString(), asked["response_type"].ToString()));

        // The issuer's login: the user is a clinician of PCN A; the issuer posts its code back to the app.
        var code = issuer.LogIn(nonce: asked["nonce"]!, subject: "oidc-clinician", role: "clinician", pcn: GovernanceTests.PcnA);
        using var callback = await browser.PostAsync(new Uri(asked["redirect_uri"]!).AbsolutePath,
            new FormUrlEncodedContent([new("code", code), new("state", asked["state"]!)]));

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/worklists", callback.Headers.Location!.OriginalString);
        Assert.Contains(callback.Headers.GetValues("Set-Cookie"), cookie => cookie.StartsWith("phm-web", StringComparison.Ordinal));
        Assert.Equal(["authorization_code"], issuer.GrantTypesRedeemed);

        // Signed in: the app's pages open instead of sending to the sign-in page, and the worklist's CSV (read by the app from
        // the hub's GraphQL endpoint with the access token the issuer gave) holds PCN A's One Team cohort.
        using var page = await browser.GetAsync("/worklists");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        using var csv = await browser.GetAsync("/worklists/bitterne-hiu-heart-failure/export.csv");
        Assert.Equal((HttpStatusCode.OK, "text/csv"), (csv.StatusCode, csv.Content.Headers.ContentType?.MediaType));
        Assert.StartsWith("pseudonym,age_band,", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACallbackTheIssuerDidNotAnswer_SignsNoOneIn()
    {
        var issuer = new TestIssuer(ClientId, Audience);
        using var app = WithIssuer(issuer);
        using var browser = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost/"), AllowAutoRedirect = false });
        using var challenge = await browser.GetAsync(AccountPaths.OpenIdConnectSignIn);
        var asked = QueryHelpers.ParseQuery(challenge.Headers.Location!.Query);

        // A code the issuer never issued (a forged or replayed callback).
        using var callback = await browser.PostAsync(new Uri(asked["redirect_uri"]!).AbsolutePath,
            new FormUrlEncodedContent([new("code", "never-issued"), new("state", asked["state"]!)]));

        Assert.Equal((HttpStatusCode.Redirect, AccountPaths.SignInFailed), (callback.StatusCode, callback.Headers.Location!.OriginalString));
        Assert.DoesNotContain(callback.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("phm-web=", StringComparison.Ordinal));
        Assert.Contains("did not complete", await browser.GetStringAsync(AccountPaths.SignInFailed), StringComparison.Ordinal);
        using var page = await browser.GetAsync("/worklists");
        Assert.Equal((HttpStatusCode.Redirect, AccountPaths.SignIn), (page.StatusCode, page.Headers.Location!.AbsolutePath));
    }

    /// <summary>The hub with the issuer configured for its API and the app; both fetch its metadata and keys through <paramref name="issuer"/>.</summary>
    private WebApplicationFactory<Program> WithIssuer(TestIssuer issuer) => hub.WithWebHostBuilder(builder =>
    {
        builder.UseSetting("Phm:Auth:Authority", TestIssuer.Address);
        builder.UseSetting("Phm:Auth:Audience", Audience);
        builder.UseSetting("Phm:Web:ClientId", ClientId);
        builder.UseSetting("Phm:Web:ClientSecret", "a-secret");
        builder.UseSetting(HubAddress.SettingKey, "https://localhost/");
        builder.ConfigureTestServices(services =>
        {
            services.Configure<OpenIdConnectOptions>(WebAuthentication.OpenIdConnectScheme, options => options.BackchannelHttpHandler = issuer);
            services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options => options.BackchannelHttpHandler = issuer);
            // The app reaches the hub (itself) in this process, not over a socket.
            services.AddHttpClient(PhmHubClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(provider => ((TestServer)provider.GetRequiredService<IServer>()).CreateHandler());
        });
    });

    /// <summary>
    /// A minimal OpenID Connect issuer as an HTTP handler: its discovery document, its signing key (RS256), and a token endpoint that
    /// redeems the codes its "login" issued for an ID token (with the app's nonce) and a JWT access token with the hub's claims.
    /// </summary>
    private sealed class TestIssuer(string clientId, string audience) : HttpMessageHandler
    {
        public const string Address = "https://issuer.test/";

        private static readonly string[] Code = ["code"], Public = ["public"], Rs256 = ["RS256"];

        private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "test-key" };
        private readonly Dictionary<string, (string Nonce, string Subject, string Role, string Pcn)> _codes = new(StringComparer.Ordinal);

        public List<string> GrantTypesRedeemed { get; } = [];

        public string LogIn(string nonce, string subject, string role, string pcn)
        {
            var code = Guid.NewGuid().ToString("N");
            _codes[code] = (nonce, subject, role, pcn);
            return code;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            request.RequestUri!.AbsolutePath switch
            {
                "/.well-known/openid-configuration" => Json(new Dictionary<string, object>
                {
                    ["issuer"] = Address,
                    ["authorization_endpoint"] = Address + "authorize",
                    ["token_endpoint"] = Address + "token",
                    ["jwks_uri"] = Address + "jwks",
                    ["response_types_supported"] = Code,
                    ["subject_types_supported"] = Public,
                    ["id_token_signing_alg_values_supported"] = Rs256,
                }),
                "/jwks" => Json(new { keys = new[] { Jwk() } }),
                "/token" => Redeem(QueryHelpers.ParseQuery(await request.Content!.ReadAsStringAsync(cancellationToken))),
                _ => new HttpResponseMessage(HttpStatusCode.NotFound),
            };

        private HttpResponseMessage Redeem(Dictionary<string, Microsoft.Extensions.Primitives.StringValues> form)
        {
            GrantTypesRedeemed.Add(form["grant_type"].ToString());
            if (!_codes.Remove(form["code"].ToString(), out var login) || form["client_id"] != clientId)
                return new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent("""{"error":"invalid_grant"}""", Encoding.UTF8, "application/json") };
            var idToken = Sign(clientId, new Dictionary<string, object> { ["sub"] = login.Subject, ["nonce"] = login.Nonce });
            var accessToken = Sign(audience, new Dictionary<string, object> { ["sub"] = login.Subject, ["role"] = login.Role, ["pcn"] = login.Pcn });
            return Json(new { access_token = accessToken, id_token = idToken, token_type = "Bearer", expires_in = 3600 });
        }

        private string Sign(string audienceOfToken, Dictionary<string, object> claims) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Address,
            Audience = audienceOfToken,
            Claims = claims,
            IssuedAt = DateTime.UtcNow,
            NotBefore = DateTime.UtcNow.AddMinutes(-1),
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });

        private object Jwk()
        {
            var parameters = _key.Rsa.ExportParameters(includePrivateParameters: false);
            return new { kty = "RSA", use = "sig", alg = "RS256", kid = _key.KeyId, n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) };
        }

        private static HttpResponseMessage Json(object body) => new(HttpStatusCode.OK)
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
    }
}
