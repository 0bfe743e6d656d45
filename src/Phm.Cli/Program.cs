using Phm.Cli;

return await PhmCommandLine.Build().Parse(args).InvokeAsync();
