// DoorCamera: watches the PBX's doorphones, saves a JPEG from the camera when one rings, opens the door when you
// type o (or "o 250"), and prints every door state change.
// Run: dotnet run --project samples/DoorCamera   (demo on the built-in emulator; the camera needs GStreamer)
//      dotnet run --project samples/DoorCamera -- --host 192.168.1.10 --user 201 --password ... --snapshots ./door
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
return await DoorCamera.DoorCameraApp.RunAsync(args, Console.In, Console.Out, stop.Token);
