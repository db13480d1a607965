namespace Slican.Cti.Voip.Tests.Interop;

/// <summary>Starts sipp on loopback with a scenario from Interop/sipp (or a built-in one).</summary>
internal static class Sipp
{
    public static string ScenarioPath(string name) => Path.Combine(AppContext.BaseDirectory, "Interop", "sipp", name);

    public static PeerProcess Start(string scenarioArgs, int port, string extra = "")
    {
        string trace = Path.Combine(Path.GetTempPath(), "slican-sipp-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(trace);
        var peer = PeerProcess.Start("sipp", $"{scenarioArgs} -i 127.0.0.1 -p {port} -nostdin -trace_err -trace_msg -timeout 40s {extra}", trace);
        peer.OwnedDirectory = trace;
        return peer;
    }

    /// <summary>Awaits a task with the standard guard; on timeout the failure carries sipp's output and logs.</summary>
    public static async Task<T> Guard<T>(PeerProcess sipp, Task<T> task)
    {
        try
        {
            return await task.WaitAsync(Support.TestAgents.Guard);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException("Timed out. sipp said:\n" + Describe(sipp));
        }
    }

    /// <summary>Awaits a task with the standard guard; on timeout the failure carries sipp's output and logs.</summary>
    public static async Task Guard(PeerProcess sipp, Task task)
    {
        try
        {
            await task.WaitAsync(Support.TestAgents.Guard);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException("Timed out. sipp said:\n" + Describe(sipp));
        }
    }

    /// <summary>sipp writes its message trace into the working directory; include it in failure messages.</summary>
    public static string Describe(PeerProcess sipp)
    {
        var sb = new System.Text.StringBuilder(sipp.Output);
        if (sipp.OwnedDirectory is { } dir && Directory.Exists(dir))
        {
            foreach (var f in Directory.GetFiles(dir, "*.log"))
            {
                sb.AppendLine("--- " + Path.GetFileName(f)).AppendLine(File.ReadAllText(f));
            }
        }

        return sb.ToString();
    }
}
