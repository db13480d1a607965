using Slican.Cti.Client;

namespace Slican.Cti.Samples;

/// <summary>
/// The exit codes scripts can rely on: 0 done, 64 bad usage, 2 the login was refused (configuration: check the
/// message), 1 any other SDK error. Every <see cref="CtiException"/> message says what to check, so it is printed as is.
/// Ctrl+C is a normal way to stop a sample, so it ends with 0 wherever it happens (even while connecting).
/// </summary>
internal static class SampleExit
{
    /// <summary>Bad command line (EX_USAGE).</summary>
    public const int Usage = 64;

    /// <summary>Runs <paramref name="body"/> and maps its outcome to an exit code.</summary>
    public static async Task<int> RunAsync(TextWriter output, Func<Task> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            await body().ConfigureAwait(false);
            return 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await output.WriteLineAsync("Stopped.").ConfigureAwait(false);
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
    }
}
