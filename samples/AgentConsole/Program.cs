// AgentConsole: a Call Center agent's desk — queues with waiting calls and free agents (live), log in/out of a queue,
// take a break with a reason, answer queue calls, and work the callback list of lost calls.
// Run: dotnet run --project samples/AgentConsole   (demo on the built-in emulator)
//      dotnet run --project samples/AgentConsole -- --host 192.168.1.10 --user 201 --password ...
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
return await AgentConsole.AgentConsoleApp.RunAsync(args, Console.In, Console.Out, stop.Token);
