using Slican.Cti.Client;
using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Client.Tests.Integration;

public sealed class SessionTests
{
    [Fact]
    public async Task Login_reports_LogInfo_and_syncs_phone_book_and_roster()
    {
        await using var pbx = await TestPbx.StartAsync();
        var client = await pbx.ConnectAsync();
        Assert.Equal(CtiConnectionState.Connected, client.State);
        var me = client.LogInfo!;
        Assert.Equal("201", me.Number);
        Assert.Equal(1001, me.Id);
        Assert.Equal(LicenceLevel.CtiUserPlus, me.Licence);
        Assert.True(me.HasVoip);
        Assert.True(me.HasCamera);
        Assert.True(client.PhoneBook.Count >= 500, $"{client.PhoneBook.Count} contacts");
        Assert.Contains(client.Presence.Roster, p => p.Extension == "202" && p.Name == "Piotr Kowalski");
        Assert.NotNull(client.Presence.Own);
    }
}

public sealed class LoginFailureTests
{
    [Theory]
    [InlineData("201", "9999", CtiLoginFailure.WrongCredentials, "CTI password")]
    [InlineData("299", "1234", CtiLoginFailure.WrongCredentials, "extension number")]
    [InlineData("240", "1234", CtiLoginFailure.ApplicationNotAllowed, "administrator")]
    [InlineData("241", "1234", CtiLoginFailure.NoCtiAccess, "CTI access")]
    public async Task A_refused_login_says_why_and_what_to_do(string user, string password, CtiLoginFailure expected, string hint)
    {
        await using var pbx = await TestPbx.StartAsync();
        var ex = await Assert.ThrowsAsync<CtiLoginException>(() => pbx.ConnectAsync(pbx.Options(user, password)));
        Assert.Equal(expected, ex.Failure);
        Assert.Contains(hint, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(password, ex.Message, StringComparison.Ordinal);
        Assert.False(ex.IsTransient);
    }

    [Fact]
    public async Task An_unreachable_pbx_is_ConnectionFailed_with_host_port_and_nat_hints()
    {
        int port;
        await using (var pbx = await TestPbx.StartAsync())
        {
            port = pbx.Emulator.XctipEndPoint.Port;
        }

        await using var client = new CtiClient(new CtiClientOptions { Host = "127.0.0.1", Port = port, User = "201", Password = "1234" });
        var ex = await Assert.ThrowsAsync<CtiLoginException>(() => client.ConnectAsync());
        Assert.Equal(CtiLoginFailure.ConnectionFailed, ex.Failure);
        Assert.Contains($"127.0.0.1:{port}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("port forwarding", ex.Message, StringComparison.Ordinal);
        Assert.True(ex.IsTransient);
        Assert.Equal(CtiConnectionState.Disconnected, client.State);
    }

    [Fact]
    public async Task Requests_before_connect_fail_fast_and_say_so()
    {
        await using var client = new CtiClient(new CtiClientOptions { Host = "127.0.0.1", User = "201" });
        var ex = await Assert.ThrowsAsync<CtiNotConnectedException>(() => client.Calls.DialAsync("202"));
        Assert.Contains("ConnectAsync", ex.Message, StringComparison.Ordinal);
    }
}
