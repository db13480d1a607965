// CrmDialer: what a CRM integration does with the PBX — screen pop with the phone-book contact and the caller's recent
// calls, click-to-dial, transfer to a quick-transfer number — over XCTIP (default) or the CTIP text protocol.
// Run: dotnet run --project samples/CrmDialer   (demo on the built-in emulator)
//      dotnet run --project samples/CrmDialer -- --host 192.168.1.10 --user 201 --password ... [--protocol ctip] [--quick-transfer 205]
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
return await CrmDialer.CrmDialerApp.RunAsync(args, Console.In, Console.Out, stop.Token);
