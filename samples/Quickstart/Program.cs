// Slican.Cti quickstart: log in, sync the phone book, show the roster, pop a caller, dial, chat.
// Without --host it starts the in-process PBX emulator, so it runs anywhere.
return await Quickstart.QuickstartApp.RunAsync(args, Console.Out, CancellationToken.None);
