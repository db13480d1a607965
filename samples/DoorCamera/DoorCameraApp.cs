using Slican.Cti.Client;
using Slican.Cti.Protocol.Xctip.Messages;
using Slican.Cti.Samples;
using Slican.Cti.Testing;

namespace DoorCamera;

/// <summary>The door panel: watches doorphones, saves a snapshot when one rings, opens doors on request.</summary>
public static class DoorCameraApp
{
    private static readonly string Usage = """
        Usage: dotnet run --project samples/DoorCamera [-- options]

        """ + SampleSession.CommonUsage + """
          --snapshots DIR          where JPEG snapshots are saved (default: the current directory)
          --no-snapshots           watch and open doors only

        Commands (one per line): o (open the door that rang last), o EXT (open that doorphone's door), q (quit).
        """;

    private const string Commands = "Commands: o = open the door that rang last, o EXT = open that door, q = quit.";
    private const string DemoDoorphone = "250";
    private static readonly TimeSpan CameraTimeout = TimeSpan.FromSeconds(30); // a GStreamer camera builds its encoder on the first request
    private static readonly TimeSpan DemoGuard = TimeSpan.FromSeconds(60);

    /// <summary>Runs the panel; returns the exit code (0 ok, 64 usage, 2 login failed, 1 other CTI error).</summary>
    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        if (!SampleArguments.TryParse(args, out var arguments, out string? error) || !TryParseOwn(arguments.Rest, out string? snapshots, out error))
        {
            await output.WriteLineAsync(error + Environment.NewLine + Usage);
            return SampleConsole.Usage;
        }

        output = TextWriter.Synchronized(output); // door events and commands print from different tasks
        DemoCamera? camera = null;
        try
        {
            return await SampleConsole.RunAsync(async () =>
            {
                var emulator = new PbxEmulatorOptions { DoorOpenTime = TimeSpan.FromSeconds(1) }; // the demo's door closes again after 1 s
                if (arguments.Host is null && snapshots is not null)
                {
                    (camera, emulator, string? missing) = await StartDemoCameraAsync(emulator, cancellationToken);
                    if (camera is null)
                    {
                        await output.WriteLineAsync($"No demo camera ({missing}); install gstreamer1.0-tools, -plugins-good, python3-gi and gir1.2-gst-rtsp-server-1.0 for snapshots. The demo goes on without them.");
                        snapshots = null;
                    }
                    else
                    {
                        await output.WriteLineAsync($"Demo camera (GStreamer RTSP server, MJPEG): {camera.Uri}");
                    }
                }

                if (snapshots is not null) Directory.CreateDirectory(snapshots);
                await using var session = await SampleSession.StartAsync(arguments, output, emulator, "201", cancellationToken: cancellationToken);
                await output.WriteLineAsync($"Logged in as {session.Client.LogInfo?.Number} {session.Client.LogInfo?.Name}. {(snapshots is null ? "No snapshots." : "Snapshots go to " + Path.GetFullPath(snapshots))}");
                await using var doors = new DoorWatcher(session.Client, snapshots, CameraTimeout);
                if (session.Emulator is { } pbx)
                {
                    await PlayDemoAsync(pbx.Scenario, session.Client.LogInfo!.Number, doors, snapshots is not null, output, cancellationToken);
                }
                else
                {
                    await RunInteractiveAsync(doors, input, output, cancellationToken);
                }
            }, output, cancellationToken);
        }
        finally
        {
            if (camera is not null) await camera.DisposeAsync();
        }
    }

    /// <summary>Against a real PBX: door events as they come, commands from the input until q or Ctrl+C.</summary>
    private static Task RunInteractiveAsync(DoorWatcher doors, TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        // Events and command replies are written from two tasks: share one writer safely.
        var console = TextWriter.Synchronized(output);
        return CommandLoop.RunAsync(input, console, Commands, (line, ct) => HandleCommandAsync(line, doors, console, ct), [ct => ShowActivitiesAsync(doors, console, ct)], cancellationToken, untilCtrlC: true);
    }

    private static async Task ShowActivitiesAsync(DoorWatcher doors, TextWriter output, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var activity in doors.Activities.ReadAllAsync(cancellationToken)) await output.WriteLineAsync(activity.Text);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One command line (q and empty lines are handled by <see cref="CommandLoop"/>); false for an unknown command.</summary>
    private static async Task<bool> HandleCommandAsync(string line, DoorWatcher doors, TextWriter output, CancellationToken cancellationToken)
    {
        string[] words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        switch (words)
        {
            case ["o" or "O"]:
                await output.WriteLineAsync(await doors.OpenAsync(null, cancellationToken));
                return true;
            case ["o" or "O", var extension]:
                await output.WriteLineAsync(await doors.OpenAsync(extension, cancellationToken));
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// The demo: a visitor presses the doorphone's button (250 calls 201); the panel sees it ring and saves a picture
    /// from the camera; the user types o; the door contact reports Open, and Close a second later; the visitor
    /// walks in and the call ends. Each step waits for the event that proves it.
    /// </summary>
    private static async Task PlayDemoAsync(PbxScenario scenario, string me, DoorWatcher doors, bool snapshots, TextWriter output, CancellationToken cancellationToken)
    {
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        guard.CancelAfter(DemoGuard);
        async Task<DoorActivity> UntilAsync(string what, Func<DoorActivity, bool> match)
        {
            try
            {
                while (true)
                {
                    var activity = await doors.Activities.ReadAsync(guard.Token);
                    await output.WriteLineAsync(activity.Text);
                    if (match(activity)) return activity;
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new CtiException($"The demo did not see {what} within {DemoGuard.TotalSeconds:0} s.");
            }
        }

        await UntilAsync("the doorphone", a => a.Kind == DoorActivityKind.DoorChanged && a.SubscriberId > 0);
        int cr = await scenario.DialAsync(DemoDoorphone, me, cancellationToken);
        await UntilAsync("the doorphone ringing", a => a.Kind == DoorActivityKind.Ringing);
        if (snapshots)
        {
            var picture = await UntilAsync("the snapshot", a => a.Kind is DoorActivityKind.SnapshotSaved or DoorActivityKind.SnapshotFailed);
            if (picture.Kind == DoorActivityKind.SnapshotFailed) throw new CtiException("The demo camera sent no picture.");
        }

        await output.WriteLineAsync("> o");
        await HandleCommandAsync("o", doors, output, cancellationToken);
        await UntilAsync("the door open", a => a.Kind == DoorActivityKind.DoorChanged && a.Door == DoorState.Open);
        await UntilAsync("the door closed again", a => a.Kind == DoorActivityKind.DoorChanged && a.Door == DoorState.Close);
        await scenario.HangUpAsync(cr, DemoDoorphone, cancellationToken);
        await UntilAsync("the end of the call", a => a.Kind == DoorActivityKind.CallEnded);
    }

    /// <summary>Starts the GStreamer camera and points the emulator's doorphone (250) at it, with the world's camera credentials.</summary>
    private static async Task<(DemoCamera? Camera, PbxEmulatorOptions Emulator, string? Missing)> StartDemoCameraAsync(PbxEmulatorOptions emulator, CancellationToken cancellationToken)
    {
        var world = PbxWorldData.CreateDefault();
        var doorphone = world.Subscribers.Single(s => s.Extension == DemoDoorphone);
        var (camera, missing) = await DemoCamera.TryStartAsync(doorphone.CameraLogin ?? "viewer", doorphone.CameraPassword ?? string.Empty, cancellationToken);
        if (camera is null) return (null, emulator, missing);
        world = world with { Subscribers = [.. world.Subscribers.Select(s => s == doorphone ? s with { CameraUrl = camera.Uri.ToString() } : s)] };
        return (camera, emulator with { World = world }, null);
    }

    private static bool TryParseOwn(IReadOnlyList<string> rest, out string? snapshots, out string? error)
    {
        snapshots = ".";
        error = null;
        for (int i = 0; i < rest.Count; i++)
        {
            switch (rest[i])
            {
                case "--snapshots" when i + 1 < rest.Count:
                    snapshots = rest[++i];
                    break;
                case "--no-snapshots":
                    snapshots = null;
                    break;
                default:
                    error = rest[i] == "--snapshots" ? "--snapshots needs a directory." : $"Unknown option '{rest[i]}'.";
                    return false;
            }
        }

        return true;
    }
}
