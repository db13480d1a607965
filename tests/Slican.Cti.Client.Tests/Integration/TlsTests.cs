using System.Security.Cryptography;
using Slican.Cti.Client;
using Slican.Cti.Testing;

namespace Slican.Cti.Client.Tests.Integration;

public sealed class TlsTests
{
    private static async Task<TestPbx> StartTlsAsync() => await TestPbx.StartAsync(new PbxEmulatorOptions { XctipTlsPort = 0 });

    private static CtiClientOptions TlsOptions(TestPbx pbx) => pbx.Options() with { UseTls = true, TlsPort = pbx.Emulator.XctipTlsEndPoint!.Port, TlsTargetHost = "localhost" };

    private static string Thumbprint(TestPbx pbx) => Convert.ToHexString(SHA256.HashData(pbx.Emulator.TlsCertificate!.RawData));

    [Fact]
    public async Task A_pinned_self_signed_certificate_is_accepted()
    {
        await using var pbx = await StartTlsAsync();
        string pin = string.Join(':', Thumbprint(pbx).Chunk(2).Select(c => new string(c)).ToArray()).ToLowerInvariant();
        var client = await pbx.ConnectAsync(TlsOptions(pbx) with { PinnedThumbprintSha256 = pin });
        Assert.Equal(CtiConnectionState.Connected, client.State);
        Assert.True(client.PhoneBook.Count > 0);
    }

    [Fact]
    public async Task A_self_signed_certificate_without_a_pin_is_refused_with_advice()
    {
        await using var pbx = await StartTlsAsync();
        var ex = await Assert.ThrowsAsync<CtiLoginException>(() => pbx.ConnectAsync(TlsOptions(pbx)));
        Assert.Equal(CtiLoginFailure.TlsFailed, ex.Failure);
        Assert.Contains("PinnedThumbprintSha256", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_pin_is_refused_and_names_both_thumbprints()
    {
        await using var pbx = await StartTlsAsync();
        string wrong = new('A', 64);
        var ex = await Assert.ThrowsAsync<CtiLoginException>(() => pbx.ConnectAsync(TlsOptions(pbx) with { PinnedThumbprintSha256 = wrong }));
        Assert.Equal(CtiLoginFailure.TlsFailed, ex.Failure);
        Assert.Contains(Thumbprint(pbx), ex.Message, StringComparison.Ordinal);
        Assert.Contains(wrong, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Insecure_mode_connects_explicitly()
    {
        await using var pbx = await StartTlsAsync();
        var client = await pbx.ConnectAsync(TlsOptions(pbx) with { AllowInsecureTls = true });
        Assert.Equal(CtiConnectionState.Connected, client.State);
    }
}
