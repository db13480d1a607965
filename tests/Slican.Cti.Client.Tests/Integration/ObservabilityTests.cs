using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Slican.Cti.Client;
using Slican.Cti.Testing;

namespace Slican.Cti.Client.Tests.Integration;

/// <summary>Collects every log line of the client under test.</summary>
internal sealed class CapturingLoggerFactory : ILoggerFactory
{
    public ConcurrentQueue<(LogLevel Level, EventId Id, string Text)> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void AddProvider(ILoggerProvider provider) { }

    public void Dispose() { }

    private sealed class Logger(CapturingLoggerFactory owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Lines.Enqueue((logLevel, eventId, formatter(state, exception) + (exception is null ? string.Empty : " " + exception)));
    }
}

public sealed class ObservabilityTests
{
    [Fact]
    public async Task Logs_have_event_ids_and_never_contain_the_password()
    {
        await using var pbx = await TestPbx.StartAsync(new PbxEmulatorOptions { XctipTlsPort = 0 });
        var logs = new CapturingLoggerFactory();
        const string secret = "Zxq9-secret";
        await Assert.ThrowsAsync<CtiLoginException>(() => pbx.ConnectAsync(pbx.Options(password: secret) with { LoggerFactory = logs }));
        var client = await pbx.ConnectAsync(pbx.Options() with { LoggerFactory = logs });
        using var resyncs = client.SubscribeResynchronised();
        await pbx.Emulator.Faults.DropSessionsAsync("201");
        await resyncs.NextAsync();
        var insecure = await pbx.ConnectAsync(pbx.Options() with
        {
            LoggerFactory = logs, UseTls = true, TlsPort = pbx.Emulator.XctipTlsEndPoint!.Port, AllowInsecureTls = true,
        });
        Assert.Contains(logs.Lines, l => l.Id.Id == 1001 && l.Text.Contains("201", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Id.Id == 1003);
        Assert.Contains(logs.Lines, l => l.Id.Id == 1006);
        Assert.Contains(logs.Lines, l => l.Id.Id == 1008 && l.Level == LogLevel.Warning);
        Assert.DoesNotContain(logs.Lines, l => l.Text.Contains(secret, StringComparison.Ordinal) || l.Text.Contains("1234", StringComparison.Ordinal));
        _ = insecure;
    }

    [Fact]
    public async Task Meter_and_activity_source_report_frames_round_trips_and_reconnects()
    {
        var measurements = new ConcurrentDictionary<string, double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == CtiTelemetry.Name) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((i, v, _, _) => measurements.AddOrUpdate(i.Name, v, (_, old) => old + v));
        listener.SetMeasurementEventCallback<double>((i, v, _, _) => measurements.AddOrUpdate(i.Name, 1, (_, old) => old + 1));
        listener.Start();
        var activities = new ConcurrentQueue<string>();
        using var activityListener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == CtiTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = a => activities.Enqueue(a.OperationName),
        };
        ActivitySource.AddActivityListener(activityListener);

        await using var pbx = await TestPbx.StartAsync();
        var client = await pbx.ConnectAsync();
        using var resyncs = client.SubscribeResynchronised();
        await client.Presence.SetDescriptionAsync("metrics");
        await pbx.Emulator.Faults.DropSessionsAsync("201");
        await resyncs.NextAsync();

        Assert.True(measurements.GetValueOrDefault("slican.cti.frames.received") > 0);
        Assert.True(measurements.GetValueOrDefault("slican.cti.frames.sent") > 0);
        Assert.True(measurements.GetValueOrDefault("slican.cti.request.duration") > 0);
        Assert.True(measurements.GetValueOrDefault("slican.cti.reconnects") >= 1);
        Assert.Contains("Status/Update_REQ", activities);

        var stats = client.GetStats();
        Assert.Equal(CtiConnectionState.Connected, stats.State);
        Assert.True(stats.FramesReceived > 0 && stats.FramesSent > 0 && stats.RequestsCompleted > 0);
        Assert.Equal(1, stats.Reconnects);
        Assert.True(stats.MaxRoundTrip >= stats.AverageRoundTrip);
        Assert.NotNull(stats.LastFrameReceived);
    }
}
