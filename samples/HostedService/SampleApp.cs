using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Slican.Cti.Client;
using Slican.Cti.Extensions.DependencyInjection;
using Slican.Cti.Testing;

namespace HostedServiceSample;

/// <summary>Builds and runs the host; returns the process exit code.</summary>
public static class SampleApp
{
    /// <summary>Runs the sample until Ctrl+C, or, with <c>--demo</c> against the emulator, until one caller was popped.</summary>
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken, Action<string>? onScreenPop = null)
    {
        var builder = Host.CreateApplicationBuilder(args.Where(a => a != "--demo").ToArray());
        await using var emulator = string.IsNullOrEmpty(builder.Configuration["SlicanCti:Host"]) ? await PbxEmulator.StartAsync(ct: cancellationToken) : null;
        if (emulator is not null)
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["SlicanCti:Host"] = emulator.XctipEndPoint.Address.ToString(),
                ["SlicanCti:Port"] = emulator.XctipEndPoint.Port.ToString(CultureInfo.InvariantCulture),
                ["SlicanCti:User"] = "201",
                ["SlicanCti:Password"] = "1234",
            });
        }

        builder.Services.AddSlicanCti(builder.Configuration.GetSection("SlicanCti"));
        builder.Services.AddSingleton(new ScreenPopSink(onScreenPop));
        builder.Services.AddHostedService<ScreenPopService>();
        if (emulator is not null && args.Contains("--demo"))
        {
            builder.Services.AddSingleton(emulator);
            builder.Services.AddHostedService<DemoCaller>();
        }

        using var host = builder.Build();
        try
        {
            await host.RunAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }
        catch (CtiLoginException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 77;
        }
    }
}

/// <summary>Where screen pops go (the console log, and a callback for tests).</summary>
public sealed class ScreenPopSink(Action<string>? callback)
{
    private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the first screen pop.</summary>
    public Task FirstPop => _first.Task;

    /// <summary>Reports one screen pop.</summary>
    public void Pop(string text)
    {
        callback?.Invoke(text);
        _first.TrySetResult();
    }
}

/// <summary>Logs the caller and the matched phone-book contact of every incoming call: the CRM screen pop.</summary>
public sealed partial class ScreenPopService(CtiClient client, ScreenPopSink sink, ILogger<ScreenPopService> log) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var calls = client.Calls.Subscribe();
        await foreach (var e in calls.WithCancellation(stoppingToken).ConfigureAwait(false))
        {
            if (e.Call.Status == CallStatus.Ringing && e.Previous is null)
            {
                string text = $"{e.Call.RemoteNumber}: {e.Call.Contact?.Contact.Name ?? "unknown caller"}";
                LogPop(log, text);
                sink.Pop(text);
            }
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Incoming call {Caller}")]
    private static partial void LogPop(ILogger logger, string caller);
}

/// <summary>For --demo: rings 201 from a phone-book customer once the client is up, then stops the host after the pop.</summary>
public sealed class DemoCaller(PbxEmulator pbx, ScreenPopSink sink, IHostApplicationLifetime lifetime) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The hosted services started in order, so the client is connected and the screen-pop service subscribed.
        int cr = await pbx.Scenario.IncomingCallAsync("0612345678", "201", stoppingToken).ConfigureAwait(false);
        await sink.FirstPop.WaitAsync(TimeSpan.FromSeconds(30), stoppingToken).ConfigureAwait(false);
        await pbx.Scenario.HangUpAsync(cr, ct: stoppingToken).ConfigureAwait(false);
        lifetime.StopApplication();
    }
}
