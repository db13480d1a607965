// PresenceBoard: a live console table of who is free, ringing, on a call, in DND or away (Spectre.Console).
// Run: dotnet run --project samples/PresenceBoard   (demo on the built-in emulator)
//      dotnet run --project samples/PresenceBoard -- --host 192.168.1.10 --user 201 --password ...   (q or Ctrl+C quits)
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
return await PresenceBoard.PresenceBoardApp.RunAsync(args, Console.In, Spectre.Console.AnsiConsole.Console, stop.Token);
