using System.Diagnostics;
using System.Text;

namespace Slican.Cti.Cli.Tests;

/// <summary>Runs the real tool: decode prints JSON Lines, encode turns them back into the same bytes.</summary>
public class CliRoundTripTests
{
    private static readonly string s_tool = Path.Combine(AppContext.BaseDirectory, "slican-cti.dll");

    private static string FixturePath(string relative) => Path.Combine(AppContext.BaseDirectory, "Fixtures", relative);

    private static async Task<(int Exit, byte[] Stdout, string Stderr)> Run(byte[]? stdin, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(s_tool);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        var error = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.BaseStream.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        await copy;
        await process.WaitForExitAsync();
        return (process.ExitCode, output.ToArray(), await error);
    }

    [Theory]
    [InlineData("xctip/05-book-records.xml", "xctip")]
    [InlineData("xctip/03-status-refresh-burst.ibm852.xml", "xctip")]
    [InlineData("xctip/13-multi-message.xml", "xctip")]
    [InlineData("xctip/20-client-requests.xml", "xctip")]
    [InlineData("ctip/01-session-and-events.txt", "ctip")]
    [InlineData("ctip/02-client-commands.txt", "ctip")]
    public async Task Decode_then_encode_reproduces_the_bytes(string fixture, string protocol)
    {
        var original = await File.ReadAllBytesAsync(FixturePath(fixture));
        var decoded = await Run(null, "decode", "--protocol", protocol, "--show-secrets", FixturePath(fixture));
        Assert.Equal(0, decoded.Exit);
        var lines = Encoding.UTF8.GetString(decoded.Stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, l => Assert.StartsWith($"{{\"protocol\":\"{protocol}\"", l, StringComparison.Ordinal));

        var encoded = await Run(decoded.Stdout, "encode", "--protocol", protocol, "-");
        Assert.Equal(0, encoded.Exit);
        Assert.Equal(original, encoded.Stdout);
    }

    [Fact]
    public async Task Decode_prints_typed_fields_and_redacts_secrets()
    {
        var result = await Run(null, "decode", FixturePath("xctip/20-client-requests.xml"));
        string first = Encoding.UTF8.GetString(result.Stdout).Split('\n')[0];
        Assert.Contains("\"type\":\"MakeLogRequest\"", first, StringComparison.Ordinal);
        Assert.Contains("\"CId\":1", first, StringComparison.Ordinal);
        Assert.Contains("\"Pass\":\"***\"", first, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_input_prints_what_came_before_then_fails_with_the_offset()
    {
        var input = "<XCTIP><Stream><WDOk></WDOk></Stream></XCTIP>GARBAGE"u8.ToArray();
        var result = await Run(input, "decode", "-");
        Assert.Equal(2, result.Exit);
        Assert.Contains("\"message\":\"WDOk\"", Encoding.UTF8.GetString(result.Stdout), StringComparison.Ordinal);
        Assert.Contains("at byte 45", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("GARBAGE", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_protocol_is_a_usage_error()
    {
        var result = await Run(null, "decode", "--protocol", "sip", FixturePath("xctip/12-stream-wdok.xml"));
        Assert.Equal(64, result.Exit);
        Assert.Contains("xctip or ctip", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_input_file_is_reported_without_a_stack_trace()
    {
        var result = await Run(null, "decode", FixturePath("xctip/no-such-file.xml"));
        Assert.Equal(66, result.Exit);
        Assert.StartsWith("slican-cti: cannot read", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }
}
