using Slican.Cti.Protocol.Xctip;
using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Testing.Tests;

public sealed class LoginTests
{
    [Fact]
    public async Task MakeLog_success_sends_LogInfo_then_Answer()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        await using var client = await XctipTestClient.ConnectAsync(pbx.XctipEndPoint);
        await client.SendAsync(new MakeLogRequest { CId = 7, Login = "201", Pass = "1234" });

        var info = Assert.IsType<LogInfoAnswer>(await client.NextAsync());
        Assert.Equal(1001, info.Id);
        Assert.Equal("201", info.Number);
        Assert.Equal("Anna Nowak (Recepcja)", info.Comment);
        Assert.Equal(LicenceLevel.CtiUserPlus, info.Licence);
        Assert.True(info.VoIP);
        Assert.True(info.Camera);
        var answer = Assert.IsType<XctipAnswer>(await client.NextAsync());
        Assert.Equal("Log", answer.Module);
        Assert.Equal(7, answer.CId);
        Assert.True(answer.IsSuccess);
    }

    [Theory]
    [InlineData("201", "wrong", PbxErrors.WrongLogin)]
    [InlineData("299", "1234", PbxErrors.WrongLogin)]
    [InlineData("240", "1234", PbxErrors.ApplicationNotAllowed)]
    [InlineData("241", "1234", PbxErrors.NoCtiAccess)]
    public async Task MakeLog_failures_answer_the_manual_texts_and_keep_the_connection(string login, string pass, string error)
    {
        await using var pbx = await PbxEmulator.StartAsync();
        await using var client = await XctipTestClient.ConnectAsync(pbx.XctipEndPoint);

        var answer = await client.RequestAsync(new MakeLogRequest { Login = login, Pass = pass });
        Assert.Equal(error, answer.Error);
        Assert.DoesNotContain(client.Received, m => m is LogInfoAnswer);

        // Same connection, now with good credentials.
        var retry = await client.RequestAsync(new MakeLogRequest { Login = "202", Pass = "1234" });
        Assert.True(retry.IsSuccess);
        Assert.Equal(LicenceLevel.CtiUser, client.Received.OfType<LogInfoAnswer>().Single().Licence);
    }

    [Fact]
    public async Task Before_login_only_WDTest_is_served()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        await using var client = await XctipTestClient.ConnectAsync(pbx.XctipEndPoint);

        await client.SendAsync(new WatchdogTest());
        Assert.IsType<WatchdogOk>(await client.NextAsync());

        foreach (XctipRequest request in new XctipRequest[] { new StatusRegisterRequest(), new SyncRequest { SyncType = SyncType.Book, Limit = 10, Marker = "" }, new MakeCallRequest { Number = "202" } })
        {
            var answer = await client.RequestAsync(request);
            Assert.Equal(PbxErrors.NotLoggedIn, answer.Error);
            Assert.Equal(request.Module, answer.Module);
        }

        Assert.DoesNotContain(client.Received, m => m is StatusRefreshEvent);
    }

    [Fact]
    public async Task Logout_ends_the_login()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        await using var client = await XctipTestClient.LoginAsync(pbx, "202");
        Assert.True((await client.RequestAsync(new LogoutRequest())).IsSuccess);
        Assert.Equal(PbxErrors.NotLoggedIn, (await client.RequestAsync(new StatusRegisterRequest())).Error);
    }
}

public sealed class EncodingTests
{
    [Fact]
    public async Task Output_uses_the_configured_encoding()
    {
        foreach (var (encoding, expected) in new[] { (Slican.Cti.Protocol.Text.CtiEncoding.Ibm852, new byte[] { 0x57, 0x69, 0x98 }), (Slican.Cti.Protocol.Text.CtiEncoding.Utf8, "Wiś"u8.ToArray()) })
        {
            await using var pbx = await PbxEmulator.StartAsync(new PbxEmulatorOptions { Encoding = encoding });
            using var tcp = new System.Net.Sockets.TcpClient();
            await tcp.ConnectAsync(pbx.XctipEndPoint);
            var stream = tcp.GetStream();
            await stream.WriteAsync(XctipCodec.ToBytes(new XctipWriterOptions { Encoding = encoding }, new MakeLogRequest { CId = 1, Login = "203", Pass = "1234" }));
            var received = new List<byte>();
            var buffer = new byte[4096];
            using var timeout = new CancellationTokenSource(XctipTestClient.Timeout);
            while (System.Text.Encoding.Latin1.GetString(received.ToArray()).Split("</XCTIP>").Length < 3)
            {
                int n = await stream.ReadAsync(buffer, timeout.Token);
                Assert.True(n > 0);
                received.AddRange(buffer.AsSpan(0, n).ToArray());
            }

            var all = received.ToArray();
            Assert.True(all.AsSpan().IndexOf(expected) >= 0, encoding.Name);
        }
    }
}
