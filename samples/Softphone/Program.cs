// Softphone: start a SIP softphone for a logged-in CTI user (or from SIP settings alone), call a number, play a WAV
// file, record the other side, send DTMF, hang up. Without options it runs a demo with both ends on 127.0.0.1.
//   dotnet run --project samples/Softphone
//   dotnet run --project samples/Softphone -- --host 192.168.1.10 --user 201 --password ... --target 204 --play hello.wav --record answer.wav --dtmf 123#
//   dotnet run --project samples/Softphone -- --registrar 192.168.1.10 --user 201 --password ... --target 204
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
return await Softphone.SoftphoneApp.RunAsync(args, Console.In, Console.Out, stop.Token);
