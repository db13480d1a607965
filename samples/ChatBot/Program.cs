// ChatBot: answers chat messages ("help", "time", "echo X", "who is 202") and text-conference posts that mention it,
// and marks what it answered as read.
// Run: dotnet run --project samples/ChatBot   (demo on the built-in emulator)
//      dotnet run --project samples/ChatBot -- --host 192.168.1.10 --user 299 --password ...   (q or Ctrl+C quits)
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
return await ChatBot.ChatBotApp.RunAsync(args, Console.In, Console.Out, stop.Token);
