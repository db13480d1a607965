using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Testing.Tests;

public sealed class TlsTests
{
    [Fact]
    public async Task Xctip_over_tls_with_a_generated_self_signed_certificate()
    {
        await using var pbx = await PbxEmulator.StartAsync(new PbxEmulatorOptions { XctipTlsPort = 0 });
        Assert.NotNull(pbx.TlsCertificate);
        Assert.True(pbx.TlsCertificate.HasPrivateKey);
        Assert.Contains("CN=localhost", pbx.TlsCertificate.Subject, StringComparison.Ordinal);

        await using var client = await XctipTestClient.ConnectTlsAsync(pbx.XctipTlsEndPoint!, pbx.TlsCertificate.Thumbprint);
        var answer = await client.RequestAsync(new MakeLogRequest { Login = "201", Pass = "1234" });
        Assert.True(answer.IsSuccess);
        Assert.True((await client.RequestAsync(new StatusRegisterRequest { Id = 1002 })).IsSuccess);
        Assert.Equal(1002, (await client.ReceiveAsync<StatusRefreshEvent>()).Id);
        Assert.Contains(pbx.Ledger.DeliveredTo("201"), e => e.Protocol == PbxProtocol.XctipTls);
    }
}
