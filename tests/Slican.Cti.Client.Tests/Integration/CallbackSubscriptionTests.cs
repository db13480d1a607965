using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Client.Tests.Integration;

public sealed class CallbackSubscriptionTests
{
    [Fact]
    public async Task A_caller_giving_up_in_the_queue_and_the_agents_result_arrive_on_the_callback_stream()
    {
        await using var pbx = await TestPbx.StartAsync();
        var client = await pbx.ConnectAsync();
        await client.CallCenter.RegisterAsync();
        using var callbacks = client.CallCenter.SubscribeCallbacks();
        int[] before = [.. client.CallCenter.Callbacks.Select(c => c.Id)];

        // Nobody is free in queue 2 once its only logged-in agent leaves, so the call waits, then becomes a lost call.
        await pbx.Emulator.Scenario.SetAgentLoginAsync(2, "206", loggedIn: false);
        int cr = await pbx.Emulator.Scenario.QueueCallAsync(2, "0612345678");
        await pbx.Emulator.Scenario.HangUpAsync(cr);
        var lost = await callbacks.NextAsync(c => !before.Contains(c.Id));
        Assert.Equal(("0612345678", 2, "Waiting"), (lost.Number, lost.QueueId, lost.State));

        await client.CallCenter.CompleteCallbackAsync(lost.Id, CallbackResult.NoAnswer);
        var retried = await callbacks.NextAsync(c => c.Id == lost.Id);
        Assert.Equal((1, "Waiting"), (retried.Attempts, retried.State));
    }
}
