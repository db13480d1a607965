using System.CommandLine;
using Slican.Cti.Protocol.Text;

namespace Slican.Cti.Cli;

/// <summary>Options shared by decode and encode.</summary>
internal static class CommonOptions
{
    public static Option<string> Protocol() => new("--protocol", "-p")
    {
        Description = "xctip (XML, port 5529/5543) or ctip (text lines, port 5524).",
        DefaultValueFactory = _ => "xctip",
    };

    public static Option<string> Encoding() => new("--encoding", "-e")
    {
        Description = "The connection's code page: ibm852 (the PBX default), utf-8, windows-1250, windows-1251 or windows-1252. An XML declaration in a frame overrides it.",
        DefaultValueFactory = _ => "ibm852",
    };

    public static Argument<string> File() => new("file")
    {
        Description = "Input file, or - for standard input.",
        DefaultValueFactory = _ => "-",
    };

    /// <summary>Exit code for an input file that cannot be read (sysexits EX_NOINPUT).</summary>
    public const int ExitNoInput = 66;

    /// <summary>Opens the input, or says on stderr why it cannot.</summary>
    public static Stream? OpenInput(string path)
    {
        if (path == "-")
        {
            return Console.OpenStandardInput();
        }

        try
        {
            return System.IO.File.OpenRead(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"slican-cti: cannot read '{path}': {ex.Message}");
            return null;
        }
    }

    public static bool TryResolve(string protocol, string encodingName, out bool xctip, out CtiEncoding encoding, out string? error)
    {
        xctip = protocol.Equals("xctip", StringComparison.OrdinalIgnoreCase);
        encoding = CtiEncoding.Ibm852;
        if (!xctip && !protocol.Equals("ctip", StringComparison.OrdinalIgnoreCase))
        {
            error = $"Unknown protocol '{protocol}': use xctip or ctip.";
            return false;
        }

        if (!CtiEncoding.TryGetByName(encodingName, out var found))
        {
            error = $"Unknown encoding '{encodingName}': use ibm852, utf-8, windows-1250, windows-1251 or windows-1252.";
            return false;
        }

        encoding = found;
        error = null;
        return true;
    }
}
