using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Slican.Cti.Client;

/// <summary>
/// The names under which the client publishes traces and metrics, for <c>AddSource</c>/<c>AddMeter</c> in
/// OpenTelemetry. Both are named <c>Slican.Cti.Client</c>.
/// </summary>
public static class CtiTelemetry
{
    /// <summary>The <see cref="System.Diagnostics.ActivitySource"/> and <see cref="System.Diagnostics.Metrics.Meter"/> name.</summary>
    public const string Name = "Slican.Cti.Client";

    internal static readonly ActivitySource ActivitySource = new(Name, typeof(CtiTelemetry).Assembly.GetName().Version?.ToString());

    internal static readonly Meter Meter = new(Name, typeof(CtiTelemetry).Assembly.GetName().Version?.ToString());

    internal static readonly Counter<long> FramesReceived = Meter.CreateCounter<long>("slican.cti.frames.received", "{frame}", "XCTIP frames received from the PBX.");

    internal static readonly Counter<long> FramesSent = Meter.CreateCounter<long>("slican.cti.frames.sent", "{frame}", "XCTIP frames sent to the PBX.");

    internal static readonly Histogram<double> RequestDuration = Meter.CreateHistogram<double>("slican.cti.request.duration", "ms", "Request round-trip time, from send to reply.");

    internal static readonly Counter<long> RequestTimeouts = Meter.CreateCounter<long>("slican.cti.request.timeouts", "{request}", "Requests that got no reply in time.");

    internal static readonly Counter<long> Reconnects = Meter.CreateCounter<long>("slican.cti.reconnects", "{reconnect}", "Sessions re-established after a connection loss.");

    internal static readonly Counter<long> EventsDropped = Meter.CreateCounter<long>("slican.cti.events.dropped", "{event}", "Events dropped because a consumer's buffer was full.");
}
