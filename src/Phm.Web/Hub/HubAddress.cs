using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;

namespace Phm.Web.Hub;

/// <summary>
/// Where the app finds the hub: <c>Phm:Web:HubAddress</c> if set, else the address this process listens on (the hub hosts
/// the app), with a wildcard host read as the loopback address.
/// </summary>
public static class HubAddress
{
    public const string SettingKey = "Phm:Web:HubAddress";

    public static Uri Resolve(IConfiguration configuration, IServer server)
    {
        if (configuration[SettingKey] is { Length: > 0 } configured)
            return WithTrailingSlash(configured);
        var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException($"The hub's address is not known yet; set {SettingKey}.");
        var address = new UriBuilder(listening.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        if (address.Host is "0.0.0.0" or "[::]" or "::")
            address.Host = "127.0.0.1";
        return WithTrailingSlash(address.Uri.ToString());
    }

    private static Uri WithTrailingSlash(string address) => new(address.EndsWith('/') ? address : address + "/");
}
