using System.Globalization;
using Slican.Cti.Testing;

namespace Slican.Cti.Samples.Tests;

/// <summary>Command lines that treat a test's own emulator as a real PBX (the samples' non-demo mode).</summary>
internal static class RealPbxArguments
{
    /// <summary><c>--host 127.0.0.1 --port P --user U --password W</c>, then <paramref name="extra"/>.</summary>
    public static string[] For(PbxEmulator pbx, string user = "201", string password = "1234", params string[] extra) =>
        ["--host", "127.0.0.1", "--port", pbx.XctipEndPoint.Port.ToString(CultureInfo.InvariantCulture), "--user", user, "--password", password, .. extra];
}
