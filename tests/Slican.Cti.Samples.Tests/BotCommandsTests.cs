using Microsoft.Extensions.Time.Testing;
using Slican.Cti.Client;
using Slican.Cti.Protocol.Xctip.Messages;
using Slican.Cti.Testing;

namespace Slican.Cti.Samples.Tests;

/// <summary>The bot's answers, from the emulator's default office (phone book and roster) and a fake clock.</summary>
public sealed class BotCommandsTests : IAsyncLifetime
{
    private PbxEmulator? _pbx;
    private CtiClient? _client;

    public async Task InitializeAsync()
    {
        _pbx = await PbxEmulator.StartAsync();
        _client = await CtiClient.ConnectAsync(new CtiClientOptions { Host = "127.0.0.1", Port = _pbx.XctipEndPoint.Port, User = "201", Password = "1234" });
    }

    public async Task DisposeAsync()
    {
        if (_client is not null) await _client.DisposeAsync();
        if (_pbx is not null) await _pbx.DisposeAsync();
    }

    [Theory]
    [InlineData("help", ChatBot.BotCommands.Help)]
    [InlineData("  ECHO   spaced out  ", "spaced out")]
    [InlineData("who is 203", "203 is Katarzyna Wiśniewska: phone free, not logged in to MessengerCTI.")]
    [InlineData("who is 213?", "213 is Żaneta Michalska: phone free, do not disturb, not logged in to MessengerCTI.")]
    [InlineData("who is Zofia", "Zofia Wójcik: 0600123456")]
    [InlineData("who is Nobody-Like-This", "I found nobody called \"Nobody-Like-This\".")]
    [InlineData("sing", "Sorry, I do not know \"sing\". " + ChatBot.BotCommands.Help)]
    public void Answers_from_the_phone_book_and_the_roster(string question, string answer)
    {
        var commands = new ChatBot.BotCommands(_client!, TimeProvider.System);
        Assert.Equal(answer, commands.Answer(question));
    }

    [Fact]
    public void Time_is_the_clock_s_local_time()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 9, 5, 0, TimeSpan.Zero));
        clock.SetLocalTimeZone(TimeZoneInfo.Utc);
        Assert.Equal("It is 09:05, Thursday 26 November 2026.", new ChatBot.BotCommands(_client!, clock).Answer("time"));
    }

    [Fact]
    public async Task Who_is_follows_live_presence()
    {
        using var changes = _client!.Presence.Subscribe();
        await _pbx!.Scenario.SetPresenceAsync("202", AppState.Busy, "Budget meeting");
        await changes.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("202 is Piotr Kowalski: phone free, busy, \"Budget meeting\".", new ChatBot.BotCommands(_client, TimeProvider.System).Answer("who is 202"));
    }
}
