using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Phm.Data.Governance;
using Phm.Data.Store;

namespace Phm.Cli;

public static class TokenCommands
{
    /// <summary>
    /// <c>phm token</c>: prints a bearer token signed with the hub's local key (created in the data directory if missing),
    /// so <c>Authorization: Bearer $(phm token ...)</c> works. Refused when the hub is configured for an external issuer.
    /// </summary>
    public static Command Token()
    {
        var role = new Option<string>("--role") { Description = "clinician, analyst or admin.", Required = true };
        role.AcceptOnlyFromAmong([.. PhmRoles.All]);
        var pcn = new Option<string?>("--pcn") { Description = "ODS code of the clinician's PCN, e.g. U97340 (clinicians only, and required for them)." };
        var subject = new Option<string>("--subject") { Description = "Who the token is for, as recorded in the audit trail.", DefaultValueFactory = _ => Environment.UserName };
        var lifetime = new Option<TimeSpan>("--lifetime") { Description = "How long the token is valid, e.g. 8:00:00.", DefaultValueFactory = _ => LocalTokenIssuer.DefaultLifetime };

        var command = new Command("token", "Print a bearer token for the local hub, signed with its key.") { role, pcn, subject, lifetime };
        command.SetAction(parse =>
        {
            using var host = HubSettings.CreateHost(parse);
            var auth = host.Services.GetRequiredService<IConfiguration>().GetSection(PhmAuthOptions.SectionName).Get<PhmAuthOptions>();
            if (auth?.UsesExternalIssuer == true)
            {
                parse.InvocationConfiguration.Error.WriteLine($"The hub takes tokens from {auth.Authority}; ask that issuer for one.");
                return 1;
            }
            var chosenRole = parse.GetValue(role)!;
            var chosenPcn = parse.GetValue(pcn);
            if (LocalTokenIssuer.ProblemWith(chosenRole, chosenPcn) is { } problem)
            {
                parse.InvocationConfiguration.Error.WriteLine(problem);
                return 1;
            }
            var options = host.Services.GetRequiredService<IOptions<PhmOptions>>().Value;
            if (HubSettings.LoadKey(() => TokenSigningKey.Resolve(options, auth), parse.InvocationConfiguration.Error) is not { } key)
                return 1;
            var issuer = new LocalTokenIssuer(key, TimeProvider.System);
            parse.InvocationConfiguration.Output.WriteLine(issuer.Issue(parse.GetValue(subject)!, chosenRole, chosenPcn, parse.GetValue(lifetime)));
            return 0;
        });
        return command;
    }
}
