using Slican.Cti.Client;

namespace Slican.Cti.Samples;

/// <summary>
/// Waits for the next event that matches, the way a scripted demo (or a test) follows what the PBX reports. The
/// subscription must exist BEFORE the action that causes the event: it buffers from the moment it is created, so
/// nothing is lost between acting and waiting.
/// </summary>
internal static class EventWaiting
{
    /// <summary>How long a demo waits for the PBX before giving up: a failure guard, never a delay.</summary>
    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);

    /// <summary>Reads events until one matches <paramref name="match"/>; throws <see cref="CtiException"/> after <see cref="Guard"/>.</summary>
    public static async Task<T> NextAsync<T>(this CtiEventSubscription<T> events, Func<T, bool> match, string what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(match);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Guard);
        try
        {
            await foreach (var e in events.WithCancellation(timeout.Token))
            {
                if (match(e)) return e;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }

        throw new CtiException($"The PBX did not report {what} within {Guard.TotalSeconds:0} s.");
    }
}
