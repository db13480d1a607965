using System.Net;
using Slican.Cti.Client;
using Slican.Cti.Testing;
using Slican.Cti.Voip.Cti;
using Slican.Cti.Voip.Tests.Interop;
using Slican.Cti.Voip.Tests.Support;

namespace Slican.Cti.Voip.Tests.Cti;

/// <summary>A CTI client logged in to the in-process PBX emulator, for deriving softphone settings.</summary>
internal sealed class LoggedInClient : IAsyncDisposable
{
    private LoggedInClient(PbxEmulator pbx, CtiClient client)
    {
        Pbx = pbx;
        Client = client;
    }

    public PbxEmulator Pbx { get; }

    public CtiClient Client { get; }

    public static async Task<LoggedInClient> StartAsync(string user, PbxWorldData? world = null)
    {
        var pbx = await PbxEmulator.StartAsync(new PbxEmulatorOptions { World = world ?? PbxWorldData.CreateDefault() });
        var client = new CtiClient(new CtiClientOptions { Host = "127.0.0.1", Port = pbx.XctipEndPoint.Port, User = user, Password = "1234", ConnectTimeout = TimeSpan.FromSeconds(5) });
        try
        {
            await client.ConnectAsync().WaitAsync(TestAgents.Guard);
        }
        catch
        {
            await client.DisposeAsync();
            await pbx.DisposeAsync();
            throw;
        }

        return new LoggedInClient(pbx, client);
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Pbx.DisposeAsync();
    }
}

public sealed class CtiSoftphoneTests
{
    [Fact]
    public async Task An_extension_without_VoIP_gets_a_typed_error_that_says_what_to_enable()
    {
        await using var cti = await LoggedInClient.StartAsync("202");
        Assert.False(cti.Client.LogInfo!.HasVoip);

        var error = Assert.Throws<VoipNotEnabledException>(() => SoftphoneOptions.FromCtiClient(cti.Client));
        Assert.Equal("202", error.Extension);
        Assert.Contains("extension 202", error.Message, StringComparison.Ordinal);
        Assert.Contains("CTIuserPlus", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("1234", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<VoipNotEnabledException>(() => cti.Client.StartSoftphoneAsync());
    }

    [Fact]
    public async Task A_VoIP_extension_maps_its_login_onto_the_softphone_options()
    {
        await using var cti = await LoggedInClient.StartAsync("201");
        Assert.True(cti.Client.LogInfo!.HasVoip);

        var options = SoftphoneOptions.FromCtiClient(cti.Client);
        Assert.Equal("127.0.0.1", options.RegistrarHost);
        Assert.Equal(5060, options.RegistrarPort);
        Assert.Equal("201", options.UserName);
        Assert.Equal("Anna Nowak (Recepcja)", options.DisplayName);
        Assert.Equal("1234", options.Password); // the CTI password, when no SIP password is given
        Assert.Equal((10000, 20000), (options.RtpPortMin, options.RtpPortMax)); // the emulator is an NCP
        Assert.DoesNotContain("1234", options.ToString(), StringComparison.Ordinal);

        Assert.Equal("sip-only", SoftphoneOptions.FromCtiClient(cti.Client, "sip-only").Password);
    }

    [Fact]
    public async Task An_IPx_PBX_gets_the_8100_to_8300_RTP_range()
    {
        await using var cti = await LoggedInClient.StartAsync("201", PbxWorldData.CreateDefault() with { PbxType = "IPL" });
        Assert.Equal("IPL", cti.Client.LogInfo!.PbxType);
        var options = SoftphoneOptions.FromCtiClient(cti.Client);
        Assert.Equal((8100, 8300), (options.RtpPortMin, options.RtpPortMax));
    }

    [Theory]
    [InlineData("NCP", 10000, 20000)]
    [InlineData("ncp-1000", 10000, 20000)]
    [InlineData("IPS", 8100, 8300)]
    [InlineData("IPU", 8100, 8300)]
    [InlineData("MAC", 8100, 8300)]
    [InlineData("CCT", 8100, 8300)]
    [InlineData(null, 10000, 20000)]
    [InlineData("", 10000, 20000)]
    public void RTP_ports_follow_the_PBX_family(string? pbxType, int min, int max) =>
        Assert.Equal((min, max), CtiSoftphone.RtpPortsFor(pbxType));

    [Fact]
    public async Task A_client_that_has_not_logged_in_is_refused_with_a_hint()
    {
        await using var client = new CtiClient(new CtiClientOptions { Host = "127.0.0.1", User = "201", Password = "1234" });
        var error = Assert.Throws<InvalidOperationException>(() => SoftphoneOptions.FromCtiClient(client));
        Assert.Contains("ConnectAsync", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("1234", error.Message, StringComparison.Ordinal);
    }
}

[Collection(InteropPeers.Name)]
public sealed class CtiSoftphoneRegistrationTests
{
    [Fact]
    public async Task A_softphone_started_from_the_CTI_login_registers_with_the_extension_and_CTI_password()
    {
        await using var cti = await LoggedInClient.StartAsync("201");
        int port = PeerProcess.FreeUdpPort();
        await using var sipp = Sipp.Start($"-sf \"{Sipp.ScenarioPath("registrar_cti.xml")}\" -m 1", port);
        var phone = await cti.Client.StartSoftphoneAsync(configure: o => o with
        {
            RegistrarPort = port, // the real PBX listens on 5060; sipp stands in on a free loopback port
            LocalAddress = IPAddress.Loopback,
            RtpPortMin = 0,
            RtpPortMax = 0,
        }).WaitAsync(TestAgents.Guard);
        try
        {
            Assert.True(phone.Registration!.IsRegistered);
            Assert.Equal("sip:201@127.0.0.1", phone.Account.AddressOfRecord);
        }
        finally
        {
            await phone.DisposeAsync();
        }

        Assert.True(await sipp.WaitForExitAsync(TestAgents.Guard) == 0, Sipp.Describe(sipp));
    }

    [Fact]
    public async Task A_wrong_SIP_password_is_refused_by_the_same_registrar()
    {
        // Proves the scenario above really checks the digest: only the CTI password 1234 registers.
        await using var cti = await LoggedInClient.StartAsync("201");
        int port = PeerProcess.FreeUdpPort();
        await using var sipp = Sipp.Start($"-sf \"{Sipp.ScenarioPath("registrar_cti.xml")}\" -m 1", port);
        var error = await Assert.ThrowsAsync<Slican.Cti.Voip.Registration.SipRegistrationException>(() => cti.Client.StartSoftphoneAsync("not-the-password", o => o with
        {
            RegistrarPort = port,
            LocalAddress = IPAddress.Loopback,
            RtpPortMin = 0,
            RtpPortMax = 0,
        }).WaitAsync(TestAgents.Guard));
        Assert.Equal(403, error.StatusCode);
        Assert.DoesNotContain("not-the-password", error.Message, StringComparison.Ordinal);
    }
}
