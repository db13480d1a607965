using Slican.Cti.Client;

namespace Slican.Cti.Samples;

/// <summary>
/// The part of a sample's console program that is not about the SDK: the exit codes scripts can rely on.
/// </summary>
internal static class SampleConsole
{
    /// <summary>Exit code for bad usage (BSD sysexits EX_USAGE).</summary>
    public const int Usage = 64;

    /// <summary>
    /// Runs the sample and maps what it throws to its exit code: 0 when it finished or was stopped with Ctrl+C,
    /// 2 when the PBX refused the login, 1 for any other <see cref="CtiException"/> (each message says what to check).
    /// </summary>
    public static async Task<int> RunAsync(Func<Task> sample, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(output);
        try
        {
            await sample().ConfigureAwait(false);
            return 0;
        }
        catch (CtiLoginException ex)
        {
            await output.WriteLineAsync("Login failed: " + ex.Message).ConfigureAwait(false);
            return 2;
        }
        catch (CtiException ex)
        {
            await output.WriteLineAsync("Error: " + ex.Message).ConfigureAwait(false);
            return 1;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await output.WriteLineAsync("Stopped.").ConfigureAwait(false);
            return 0;
        }
    }
}
