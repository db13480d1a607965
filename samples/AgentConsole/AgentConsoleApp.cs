using Slican.Cti.Samples;

namespace AgentConsole;

/// <summary>Entry point of the AgentConsole sample.</summary>
public static class AgentConsoleApp
{
    private const string Usage = "Usage: dotnet run --project samples/AgentConsole [-- options]";

    /// <summary>Runs the sample; returns the process exit code (0 ok, 64 usage, 2 login failed, 1 other SDK error).</summary>
    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        if (!SampleArguments.TryParseOnlyCommon(args, out var arguments, out string? error))
        {
            await output.WriteLineAsync((error.Length == 0 ? "AgentConsole: Call Center queues, breaks and callbacks." : error) + Environment.NewLine + Usage + Environment.NewLine + SampleSession.CommonUsage);
            return SampleConsole.Usage;
        }

        return await SampleConsole.RunAsync(async () =>
        {
            // 201 is an agent of both queues in the emulator's default office.
            await using var session = await SampleSession.StartAsync(arguments, output, "201", cancellationToken);
            await AgentDesk.RunAsync(session, input, output, cancellationToken);
        }, output, cancellationToken);
    }
}
