using Slican.Cti.Client;
using Slican.Cti.Protocol.Xctip;
using Slican.Cti.Protocol.Xctip.Messages;
using Slican.Cti.Testing;

namespace Slican.Cti.Client.Tests.Integration;

public sealed class LifecycleTests
{
    [Fact]
    public async Task Reconnecting_gives_up_after_MaxReconnectAttempts_with_Failed()
    {
        var pbx = await PbxEmulator.StartAsync();
        int port = pbx.XctipEndPoint.Port;
        await using var client = new CtiClient(new CtiClientOptions
        {
            Host = "127.0.0.1", Port = port, User = "201", Password = "1234",
            ReconnectInitialDelay = TimeSpan.FromMilliseconds(5), ReconnectMaxDelay = TimeSpan.FromMilliseconds(20), MaxReconnectAttempts = 3,
        });
        await client.ConnectAsync().WaitAsync(TestPbx.Guard);
        using var states = client.SubscribeConnectionState();
        await pbx.DisposeAsync(); // the PBX is gone for good
        Assert.Equal(CtiConnectionState.Reconnecting, (await states.NextAsync()).Current);
        var failed = await states.NextAsync();
        Assert.Equal(CtiConnectionState.Failed, failed.Current);
        var login = Assert.IsType<CtiLoginException>(failed.Error);
        Assert.Equal(CtiLoginFailure.ConnectionFailed, login.Failure);
        await Assert.ThrowsAsync<CtiNotConnectedException>(() => client.Presence.SetDescriptionAsync("x"));
    }

    [Fact]
    public async Task Without_AutoReconnect_a_loss_ends_in_Disconnected()
    {
        await using var pbx = await TestPbx.StartAsync();
        var client = await pbx.ConnectAsync(pbx.Options() with { AutoReconnect = false });
        using var states = client.SubscribeConnectionState();
        await pbx.Emulator.Faults.DropSessionsAsync("201");
        var lost = await states.NextAsync();
        Assert.Equal(CtiConnectionState.Disconnected, lost.Current);
        Assert.NotNull(lost.Error);
        await client.ConnectAsync().WaitAsync(TestPbx.Guard); // the application reconnects explicitly
        Assert.Equal(CtiConnectionState.Connected, client.State);
    }

    [Fact]
    public async Task InitialAppState_is_announced_on_login_and_raw_messages_can_be_watched()
    {
        await using var pbx = await TestPbx.StartAsync();
        var observer = await pbx.ConnectAsync("202");
        using var raw = observer.SubscribeRaw();
        var client = await pbx.ConnectAsync(pbx.Options() with { InitialAppState = AppState.Available });
        Assert.Equal(AppState.Available, client.Presence.Own?.AppState);
        var change = await raw.NextAsync(m => m is StatusChangeEvent { Id: 1001 });
        Assert.Equal(AppState.Available, ((StatusChangeEvent)change).AppState);
    }

    [Fact]
    public async Task Dispose_completes_subscriptions_and_is_idempotent()
    {
        await using var pbx = await TestPbx.StartAsync();
        var client = new CtiClient(pbx.Options());
        await client.ConnectAsync().WaitAsync(TestPbx.Guard);
        var calls = client.Calls.Subscribe();
        await client.DisposeAsync();
        await client.DisposeAsync();
        Assert.Equal(CtiConnectionState.Closed, client.State);
        Assert.False(await calls.Reader.WaitToReadAsync().AsTask().WaitAsync(TestPbx.Guard));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.ConnectAsync());
    }
}
