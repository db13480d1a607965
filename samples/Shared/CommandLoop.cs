using Slican.Cti.Client;

namespace Slican.Cti.Samples;

/// <summary>
/// The interactive half of a sample: reads one command per line until <c>q</c> or Ctrl+C (and, unless the sample
/// keeps working on its own, the end of the input), and hands each line to the sample. A refused request (the PBX said no) is printed and the loop goes on; a lost connection
/// is not fatal either, because <see cref="CtiClient"/> reconnects by itself.
/// </summary>
internal static class CommandLoop
{
    /// <summary>
    /// Prints live events while the user types, until <paramref name="cancellationToken"/> fires. Reading a
    /// subscription in its own task keeps a slow console from delaying anything else: the client buffers per
    /// subscription and counts what it drops.
    /// </summary>
    public static async Task PrintEventsAsync<T>(CtiEventSubscription<T> events, Func<T, Task> print, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(print);
        try
        {
            await foreach (var e in events.WithCancellation(cancellationToken).ConfigureAwait(false)) await print(e).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Runs until the user quits; <paramref name="execute"/> returns false for an unknown command. The
    /// <paramref name="watchers"/> (typically <see cref="PrintEventsAsync"/>) print live events meanwhile and are
    /// stopped and awaited before this returns. <paramref name="output"/> must be safe to share between them
    /// (<see cref="TextWriter.Synchronized(TextWriter)"/>).
    /// </summary>
    /// <param name="input">Where commands come from.</param>
    /// <param name="output">Where help and errors go.</param>
    /// <param name="help">Printed first and after an unknown command.</param>
    /// <param name="execute">Runs one command line.</param>
    /// <param name="watchers">Background tasks that run until the loop ends.</param>
    /// <param name="cancellationToken">Ctrl+C.</param>
    /// <param name="untilCtrlC">
    /// Whether the end of the input leaves the sample running until Ctrl+C (a door panel or a bot, which keep
    /// working with no terminal); otherwise it ends the loop like <c>q</c>.
    /// </param>
    public static async Task RunAsync(TextReader input, TextWriter output, string help, Func<string, CancellationToken, Task<bool>> execute, IReadOnlyList<Func<CancellationToken, Task>> watchers, CancellationToken cancellationToken, bool untilCtrlC = false)
    {
        ArgumentNullException.ThrowIfNull(watchers);
        using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = watchers.Select(watch => watch(stopWatching.Token)).ToArray();
        try
        {
            await ReadCommandsAsync(input, output, help, execute, untilCtrlC, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await stopWatching.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(running).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// For a sample with no commands that works on its own (a live board, a bot): returns when the user types
    /// <c>q</c> or presses Ctrl+C; other lines are ignored, and the end of the input leaves only Ctrl+C.
    /// </summary>
    public static Task WaitForQuitAsync(TextReader input, CancellationToken cancellationToken) =>
        ReadCommandsAsync(input, TextWriter.Null, null, static (_, _) => Task.FromResult(true), untilCtrlC: true, cancellationToken);

    private static async Task ReadCommandsAsync(TextReader input, TextWriter output, string? help, Func<string, CancellationToken, Task<bool>> execute, bool untilCtrlC, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(execute);
        if (help is not null) await output.WriteLineAsync(help).ConfigureAwait(false);
        while (!cancellationToken.IsCancellationRequested)
        {
            string? line;
            try
            {
                // Console.In does not observe the token while it blocks; WaitAsync lets Ctrl+C end the wait anyway.
                line = await input.ReadLineAsync(cancellationToken).AsTask().WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (line is null)
            {
                if (untilCtrlC) await WaitForCtrlCAsync(cancellationToken).ConfigureAwait(false);
                return;
            }

            line = line.Trim();
            if (line.Length == 0) continue;
            if (line is "q" or "quit") return;
            try
            {
                if (!await execute(line, cancellationToken).ConfigureAwait(false) && help is not null) await output.WriteLineAsync(help).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is CtiRequestFailedException or CtiRequestTimeoutException or CtiNotConnectedException or CtiConnectionLostException or ArgumentException)
            {
                await output.WriteLineAsync("  ! " + ex.Message).ConfigureAwait(false);
            }
        }
    }

    private static async Task WaitForCtrlCAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
