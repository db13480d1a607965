using Slican.Cti.Voip.Tests.Support;

namespace Slican.Cti.Voip.Tests.Interop;

[Collection(InteropPeers.Name)]
public sealed class SippSoftphoneTests
{
    [Fact]
    public async Task Softphone_from_plain_options_registers_refreshes_and_unregisters_on_dispose()
    {
        int port = PeerProcess.FreeUdpPort();
        await using var sipp = Sipp.Start($"-sf \"{Sipp.ScenarioPath("registrar.xml")}\" -m 1", port);
        var options = new SoftphoneOptions
        {
            RegistrarHost = "127.0.0.1",
            RegistrarPort = port,
            UserName = "1001",
            Password = "s3cret",
            LocalAddress = System.Net.IPAddress.Loopback,
            RtpPortMin = 0,
            RtpPortMax = 0,
            RegisterExpires = 60,
        };
        Assert.DoesNotContain("s3cret", options.ToString(), StringComparison.Ordinal);
        var phone = await Softphone.StartAsync(options).WaitAsync(TestAgents.Guard);
        try
        {
            Assert.True(phone.Registration!.IsRegistered);
            var refreshed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            phone.Registration.Refreshed += _ => refreshed.TrySetResult();
            await Sipp.Guard(sipp, refreshed.Task);
        }
        finally
        {
            await phone.DisposeAsync();
        }

        Assert.True(await sipp.WaitForExitAsync(TestAgents.Guard) == 0, Sipp.Describe(sipp));
    }
}
