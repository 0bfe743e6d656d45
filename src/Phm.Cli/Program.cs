using System.CommandLine;
using Phm.Cli;

return await PhmCommandLine.InvokeAsync(args, new InvocationConfiguration());
