using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Text.Json;
using Slican.Cti.Testing;

namespace Slican.Cti.Cli;

/// <summary>
/// <c>slican-cti emulator</c>: runs the PBX emulator (XCTIP, XCTIP over TLS, CTIP) until Ctrl+C, printing its ports
/// and the test accounts, so a CRM integration can be tried without a PBX.
/// </summary>
internal static class EmulatorCommand
{
    public const int ExitConfig = 78; // sysexits EX_CONFIG

    public static Command Create()
    {
        var config = new Option<string?>("--config", "-c") { Description = "A world file (JSON) to load instead of the built-in office; write one with --save-config." };
        var address = new Option<string>("--address") { Description = "Address to listen on (loopback by default).", DefaultValueFactory = _ => "127.0.0.1" };
        var xctipPort = new Option<int>("--xctip-port") { Description = "XCTIP port (0 = any free port).", DefaultValueFactory = _ => 5529 };
        var tlsPort = new Option<int>("--tls-port") { Description = "XCTIP-over-TLS port with a self-signed certificate (0 = any free port, -1 = off).", DefaultValueFactory = _ => 5543 };
        var ctipPort = new Option<int>("--ctip-port") { Description = "CTIP port (0 = any free port, -1 = off).", DefaultValueFactory = _ => 5524 };
        var encoding = CommonOptions.Encoding();
        var saveConfig = new Option<string?>("--save-config") { Description = "Write the world as JSON to this file when the emulator stops (after Ctrl+C), changes made by clients included." };
        var command = new Command("emulator", "Run a Slican PBX emulator with a realistic office (about 40 extensions, 500 contacts, two Call Center queues) for testing CTI integrations. Prints the ports and test accounts; stops on Ctrl+C.")
        {
            config, address, xctipPort, tlsPort, ctipPort, encoding, saveConfig,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            PbxWorldData world;
            string? configPath = result.GetValue(config);
            try
            {
                world = configPath is null ? PbxWorldData.CreateDefault() : await PbxWorldData.LoadAsync(configPath, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
            {
                await Console.Error.WriteLineAsync($"slican-cti: cannot load the world from '{configPath}': {ex.Message}").ConfigureAwait(false);
                return ExitConfig;
            }

            if (!IPAddress.TryParse(result.GetValue(address), out var ip))
            {
                await Console.Error.WriteLineAsync($"slican-cti: '{result.GetValue(address)}' is not an IP address.").ConfigureAwait(false);
                return ExitConfig;
            }

            if (!Slican.Cti.Protocol.Text.CtiEncoding.TryGetByName(result.GetValue(encoding)!, out var cti))
            {
                await Console.Error.WriteLineAsync($"slican-cti: unknown encoding '{result.GetValue(encoding)}': use ibm852, utf-8, windows-1250, windows-1251 or windows-1252.").ConfigureAwait(false);
                return ExitConfig;
            }

            int tls = result.GetValue(tlsPort), ctip = result.GetValue(ctipPort);
            var options = new PbxEmulatorOptions
            {
                Address = ip,
                XctipPort = result.GetValue(xctipPort),
                XctipTlsPort = tls < 0 ? null : tls,
                CtipPort = ctip < 0 ? null : ctip,
                World = world,
                Encoding = cti,
            };

            // Stop cleanly on Ctrl+C and SIGTERM, so --save-config runs and sockets close.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
            void Stop(PosixSignalContext context)
            {
                context.Cancel = true;
                stop.Cancel();
            }

            var pbx = await PbxEmulator.StartAsync(options, cancellationToken).ConfigureAwait(false);
            await using (pbx.ConfigureAwait(false))
            {
                PrintBanner(pbx, world);
                try
                {
                    await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    Console.WriteLine("Stopping.");
                }

                if (result.GetValue(saveConfig) is { } savePath)
                {
                    await pbx.World.ToData().SaveAsync(savePath, CancellationToken.None).ConfigureAwait(false);
                    Console.WriteLine($"World saved to {savePath}");
                }
            }

            return 0;
        });
        return command;
    }

    private static void PrintBanner(PbxEmulator pbx, PbxWorldData world)
    {
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine($"Slican PBX emulator ({world.PbxType} {world.Firmware})");
        Console.WriteLine($"  XCTIP      {pbx.XctipEndPoint}");
        Console.WriteLine($"  XCTIP/TLS  {(pbx.XctipTlsEndPoint?.ToString() ?? "off")}{(pbx.TlsCertificate is { } c ? $"  (self-signed, SHA-1 thumbprint {c.Thumbprint})" : "")}");
        Console.WriteLine($"  CTIP       {(pbx.CtipEndPoint?.ToString() ?? "off")}");
        Console.WriteLine();
        Console.WriteLine("Test accounts (extension / CTI password, also the CTIP LOGI key):");
        foreach (var s in world.Subscribers)
        {
            string note = s switch
            {
                { Kind: SubscriberKind.Doorphone } => $"doorphone, camera {s.CameraUrl}",
                { Kind: SubscriberKind.GsmGateway } => $"GSM gateway G001, MSISDN {s.GsmNumber}, SIM PIN {s.GsmPin}",
                { CtiAccess: false } => "login fails: No CTI access (CTIP NA 19)",
                { ApplicationAllowed: false } => "login fails: Application not allowed",
                { Kind: SubscriberKind.MessengerUser } => $"MessengerCTI {s.Licence}{(s.Voip ? ", VoIP" : "")}{(s.CanEditBook ? ", edits phone book" : "")}",
                _ => s.Kind == SubscriberKind.Voip ? "VoIP phone" : "desk phone",
            };
            bool listed = s.Extension is "201" or "202" or "203" || s.Kind is SubscriberKind.Doorphone or SubscriberKind.GsmGateway || !s.CtiAccess || !s.ApplicationAllowed;
            if (listed)
            {
                Console.WriteLine(string.Create(inv, $"  {s.Extension,-5} {s.CtiPassword ?? "-",-6} id {s.Id}  {s.Name} — {note}"));
            }
        }

        Console.WriteLine(string.Create(inv, $"  ... {world.Subscribers.Count} extensions in all (password {DefaultPassword(world)} unless the world file says otherwise)."));
        foreach (var g in world.RingGroups)
        {
            Console.WriteLine($"  Ring group {g.Number} \"{g.Name}\": {string.Join(", ", g.Members)}");
        }

        foreach (var q in world.Queues)
        {
            Console.WriteLine(string.Create(inv, $"  Call Center queue {q.QueueId} \"{q.Name}\" ({q.Number}): agents {string.Join(", ", q.Agents)}"));
        }

        Console.WriteLine(string.Create(inv, $"  Phone book: {world.Contacts.Count} contacts in {world.PhoneBookGroups.Count} groups."));
        Console.WriteLine();
        Console.WriteLine("Press Ctrl+C to stop.");
    }

    private static string DefaultPassword(PbxWorldData world) =>
        world.Subscribers.Select(s => s.CtiPassword).GroupBy(p => p).OrderByDescending(g => g.Count()).FirstOrDefault()?.Key ?? "-";
}
