using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Testing.Tests;

public sealed class ChatTests
{
    internal static async Task<XctipTestClient> ChatClientAsync(PbxEmulator pbx, string extension)
    {
        var client = await XctipTestClient.LoginAsync(pbx, extension);
        Assert.True((await client.RequestAsync(new SmsRegisterRequest())).IsSuccess);
        return client;
    }

    [Fact]
    public async Task Chat_between_subscribers_is_delivered_with_status_and_read_receipt()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        await using var anna = await ChatClientAsync(pbx, "201");
        await using var piotr = await ChatClientAsync(pbx, "202");

        Assert.True((await anna.RequestAsync(new SmsSendRequest { Number = "202", Type = SmsType.Internal, Text = "Zażółć gęślą jaźń", UserData = "u-1" })).IsSuccess);
        var received = await piotr.ReceiveAsync<SmsReceiveEvent>();
        Assert.Equal("201", received.Number);
        Assert.Equal("Zażółć gęślą jaźń", received.Text);
        Assert.Equal("u-1", received.UserData);
        Assert.Equal(SmsType.Internal, received.Type);

        var delivered = await anna.ReceiveAsync<SmsStatusEvent>();
        Assert.Equal(ChatDeliveryStatus.Delivered, delivered.Status);
        Assert.Equal("202", delivered.Number);

        Assert.True((await piotr.RequestAsync(new SmsMarkReadRequest { Number = "201" })).IsSuccess);
        var read = await anna.ReceiveAsync<SmsStatusEvent>(s => s.Status == ChatDeliveryStatus.Read);
        Assert.Equal(delivered.SMSId, read.SMSId);
    }

    [Fact]
    public async Task Messages_to_an_offline_user_are_buffered_and_delivered_once_on_registration()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        await using var anna = await ChatClientAsync(pbx, "201");
        for (int i = 0; i < 3; i++)
        {
            Assert.True((await anna.RequestAsync(new SmsSendRequest { Number = "203", Type = SmsType.Internal, Text = $"m{i}" })).IsSuccess);
        }

        Assert.Equal(3, pbx.World.BufferedChatCount("203"));
        Assert.True((await anna.RequestAsync(new SmsSendRequest { Number = "203", Type = SmsType.Internal, Text = "ephemeral", DontBuffer = "" })).IsSuccess);
        Assert.Equal(3, pbx.World.BufferedChatCount("203"));

        await using (var kasia = await ChatClientAsync(pbx, "203"))
        {
            var texts = new List<string>();
            for (int i = 0; i < 3; i++)
            {
                texts.Add((await kasia.ReceiveAsync<SmsReceiveEvent>()).Text!);
            }

            Assert.Equal(["m0", "m1", "m2"], texts);
            await kasia.DrainAsync();
        }

        // A second login gets nothing again: each message was delivered exactly once.
        await using var again = await ChatClientAsync(pbx, "203");
        Assert.Empty((await again.DrainAsync()).OfType<SmsReceiveEvent>());
        var ids = pbx.Ledger.ChatMessageIdsDeliveredTo("203");
        Assert.Equal(3, ids.Count);
        Assert.Equal(3, ids.Distinct().Count());
        Assert.Equal(0, pbx.World.BufferedChatCount("203"));
    }

    [Fact]
    public async Task Chat_to_unknown_or_non_messenger_targets_is_refused()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        await using var anna = await ChatClientAsync(pbx, "201");
        Assert.Equal(PbxErrors.MalformedMessage, (await anna.RequestAsync(new SmsSendRequest { Number = "299", Type = SmsType.Internal, Text = "x" })).Error);
        Assert.Equal(PbxErrors.NotPermitted, (await anna.RequestAsync(new SmsSendRequest { Number = "250", Type = SmsType.Internal, Text = "x" })).Error);
    }

    [Fact]
    public async Task Scenario_chat_reaches_every_registered_session_of_the_user()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        await using var desk = await ChatClientAsync(pbx, "201");
        await using var mobile = await ChatClientAsync(pbx, "201");
        int id = await pbx.Scenario.SendChatAsync("202", "201", "Oddzwoń do klienta");
        Assert.Equal("Oddzwoń do klienta", (await desk.ReceiveAsync<SmsReceiveEvent>()).Text);
        Assert.Equal("Oddzwoń do klienta", (await mobile.ReceiveAsync<SmsReceiveEvent>()).Text);
        await desk.DrainAsync();
        await mobile.DrainAsync();
        Assert.Equal([id, id], pbx.Ledger.ChatMessageIdsDeliveredTo("201"));
    }

    [Fact]
    public async Task A_message_queued_to_a_session_that_dies_before_writing_it_is_delivered_on_the_next_login()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        await using var pbx = await PbxEmulator.StartAsync(new PbxEmulatorOptions { TimeProvider = time });
        var doomed = await ChatClientAsync(pbx, "203");
        await using var watcher = await XctipTestClient.LoginAsync(pbx, "202");
        Assert.True((await watcher.RequestAsync(new StatusRegisterRequest { Id = 1003 })).IsSuccess);
        await watcher.DrainAsync();

        // Stall the doomed session's writer behind a delayed answer (fake time never advances), then queue a message.
        pbx.Faults.AnswerDelay = TimeSpan.FromHours(1);
        await doomed.SendAsync(new StatusUpdateRequest { CId = 5, AppState = AppState.Brb });
        await watcher.ReceiveAsync<StatusChangeEvent>(); // the update was handled: its answer is queued (and stalled)
        int id = await pbx.Scenario.SendChatAsync("201", "203", "Nie zgub mnie");
        Assert.Equal(0, pbx.World.BufferedChatCount("203")); // in flight on the doomed session
        await pbx.Faults.DropSessionsAsync("203");
        await doomed.DisposeAsync();
        Assert.Equal(1, pbx.World.BufferedChatCount("203")); // back in the buffer

        pbx.Faults.AnswerDelay = TimeSpan.Zero;
        await using var next = await ChatClientAsync(pbx, "203");
        Assert.Equal("Nie zgub mnie", (await next.ReceiveAsync<SmsReceiveEvent>()).Text);
        await next.DrainAsync();
        Assert.Equal([id], pbx.Ledger.ChatMessageIdsDeliveredTo("203"));
    }
}
