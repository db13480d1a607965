using Slican.Cti.Client;
using Slican.Cti.Protocol.Text;

namespace Slican.Cti.Client.Tests.Unit;

public sealed class CtiClientOptionsTests
{
    [Fact]
    public void Defaults_are_the_documented_ones()
    {
        var options = new CtiClientOptions();
        Assert.Equal(5529, options.Port);
        Assert.Equal(5543, options.TlsPort);
        Assert.False(options.UseTls);
        Assert.False(options.AllowInsecureTls);
        Assert.Equal(TimeSpan.FromSeconds(10), options.RequestTimeout);
        Assert.Same(CtiEncoding.Ibm852, options.Encoding);
        Assert.Equal(EventOverflowMode.DropOldest, options.EventOverflowMode);
    }

    [Fact]
    public void Parse_reads_key_value_pairs()
    {
        var options = CtiClientOptions.Parse("Host=pbx.local; Port=6000; User=201; Password=s3cr3t", null);
        Assert.Equal("s3cr3t", options.Password);
        Assert.Equal("pbx.local", options.Host);
        Assert.Equal(6000, options.Port);
        Assert.Equal("201", options.User);
    }

    [Fact]
    public void Parse_reads_tls_pin_and_encoding_from_lines()
    {
        var options = CtiClientOptions.Parse("# from the PBX e-mail\nServer=10.0.0.5\nLogin=202\nPass=1234\nTls=1\nPin=ab:cd:" + new string('e', 60) + "\nEncoding=utf-8");
        Assert.Equal("10.0.0.5", options.Host);
        Assert.Equal("202", options.User);
        Assert.Equal("1234", options.Password);
        Assert.True(options.UseTls);
        Assert.Equal(CtiEncoding.Utf8, options.Encoding);
        options.Validate();
    }

    [Fact]
    public void Parse_reads_a_uri()
    {
        var options = CtiClientOptions.Parse("xctips://203:p%40ss@pbx.example.com:6543?insecure=1");
        Assert.True(options.UseTls);
        Assert.Equal(6543, options.TlsPort);
        Assert.Equal("203", options.User);
        Assert.Equal("p@ss", options.Password);
        Assert.Equal("pbx.example.com", options.Host);
        Assert.True(options.AllowInsecureTls);
    }

    [Fact]
    public void Parse_rejects_unknown_keys_and_never_echoes_the_password()
    {
        var unknown = Assert.Throws<FormatException>(() => CtiClientOptions.Parse("Host=a;Prot=1"));
        Assert.Contains("Prot", unknown.Message, StringComparison.Ordinal);
        var broken = Assert.Throws<FormatException>(() => CtiClientOptions.Parse("Host=a;Password=ab;cdSECRET"));
        Assert.DoesNotContain("SECRET", broken.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_reads_a_file()
    {
        string path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, "Host=127.0.0.1\nUser=201\nPassword=1234\n");
            var options = await CtiClientOptions.LoadAsync(path);
            Assert.Equal("127.0.0.1", options.Host);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ToString_hides_the_password()
    {
        var options = new CtiClientOptions { Host = "h", User = "201", Password = "TopSecret99" };
        Assert.DoesNotContain("TopSecret99", options.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "201", "Host")]
    [InlineData("h", "", "User")]
    public void Validate_names_the_missing_setting(string host, string user, string expected)
    {
        var ex = Assert.Throws<ArgumentException>(() => new CtiClientOptions { Host = host, User = user }.Validate());
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_rejects_a_malformed_pin()
    {
        var ex = Assert.Throws<ArgumentException>(() => new CtiClientOptions { Host = "h", User = "1", PinnedThumbprintSha256 = "abc" }.Validate());
        Assert.Contains("SHA-256", ex.Message, StringComparison.Ordinal);
    }
}
