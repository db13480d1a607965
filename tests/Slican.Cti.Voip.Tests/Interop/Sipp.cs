namespace Slican.Cti.Voip.Tests.Interop;

/// <summary>Starts sipp on loopback with a scenario from Interop/sipp (or a built-in one).</summary>
internal static class Sipp
{
    public static string ScenarioPath(string name) => Path.Combine(AppContext.BaseDirectory, "Interop", "sipp", name);

    public static PeerProcess Start(string scenarioArgs, int port, string extra = "")
    {
        string trace = Path.Combine(Path.GetTempPath(), "slican-sipp-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(trace);
        var peer = PeerProcess.Start("sipp", $"{scenarioArgs} -i 127.0.0.1 -p {port} -nostdin -trace_err -timeout 40s {extra}", trace);
        peer.OwnedDirectory = trace;
        return peer;
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
