using Slican.Cti.Voip.Tests.Support;

namespace Slican.Cti.Voip.Tests.Interop;

[Collection(InteropPeers.Name)]
public sealed class SippRegistrarTests
{
    [Fact]
    public async Task Registers_through_423_and_digest_challenge_refreshes_with_nonce_reuse_and_unregisters_on_dispose()
    {
        int port = PeerProcess.FreeUdpPort();
        await using var sipp = Sipp.Start($"-sf \"{Sipp.ScenarioPath("registrar.xml")}\" -m 1", port);
        await using var agent = TestAgents.Loopback();
        var account = new SipAccount { Registrar = "127.0.0.1", Port = port, UserName = "1001", Password = "s3cret", RegisterExpires = 60 };

        var registration = await agent.RegisterAsync(account).WaitAsync(TestAgents.Guard);
        Assert.True(registration.IsRegistered);
        Assert.Equal(2, registration.GrantedExpires);

        var refreshed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        registration.Refreshed += _ => refreshed.TrySetResult();
        registration.RefreshFailed += (_, ex) => refreshed.TrySetException(ex);
        await refreshed.Task.WaitAsync(TestAgents.Guard);
        Assert.Equal(30, registration.GrantedExpires);

        await registration.DisposeAsync();
        Assert.False(registration.IsRegistered);
        int exit = await sipp.WaitForExitAsync(TestAgents.Guard);
        Assert.True(exit == 0, "sipp registrar scenario failed:\n" + Sipp.Describe(sipp));
    }

    [Fact]
    public async Task A_stale_nonce_on_refresh_is_answered_with_the_new_nonce_and_the_binding_survives()
    {
        int port = PeerProcess.FreeUdpPort();
        await using var sipp = Sipp.Start($"-sf \"{Sipp.ScenarioPath("registrar_stale.xml")}\" -m 1", port);
        await using var agent = TestAgents.Loopback();
        var account = new SipAccount { Registrar = "127.0.0.1", Port = port, UserName = "1001", Password = "s3cret", RegisterExpires = 60 };
        var registration = await agent.RegisterAsync(account).WaitAsync(TestAgents.Guard);
        var refreshed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        registration.Refreshed += _ => refreshed.TrySetResult();
        registration.RefreshFailed += (_, ex) => refreshed.TrySetException(ex);
        await Sipp.Guard(sipp, refreshed.Task);
        Assert.Equal(30, registration.GrantedExpires);
        await registration.DisposeAsync();
        Assert.True(await sipp.WaitForExitAsync(TestAgents.Guard) == 0, Sipp.Describe(sipp));
    }

    [Fact]
    public async Task Wrong_password_is_reported_as_a_registration_error_naming_the_user_without_the_password()
    {
        int port = PeerProcess.FreeUdpPort();
        await using var sipp = Sipp.Start($"-sf \"{Sipp.ScenarioPath("registrar.xml")}\" -m 1", port);
        await using var agent = TestAgents.Loopback();
        var account = new SipAccount { Registrar = "127.0.0.1", Port = port, UserName = "1001", Password = "wrong-pass", RegisterExpires = 60 };

        var ex = await Assert.ThrowsAsync<Registration.SipRegistrationException>(() => agent.RegisterAsync(account).WaitAsync(TestAgents.Guard));
        Assert.Equal(403, ex.StatusCode);
        Assert.Contains("1001", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-pass", ex.Message, StringComparison.Ordinal);
    }
}
