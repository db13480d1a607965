using Microsoft.Extensions.Time.Testing;
using Slican.Cti.Client;

namespace Slican.Cti.Client.Tests.Unit;

public sealed class ReconnectPolicyTests
{
    [Fact]
    public async Task Delays_grow_exponentially_with_jitter_up_to_the_cap_and_retry_transient_failures_only()
    {
        var time = new FakeTimeProvider();
        var options = new CtiClientOptions
        {
            Host = "h",
            User = "u",
            TimeProvider = time,
            ReconnectInitialDelay = TimeSpan.FromSeconds(1),
            ReconnectMaxDelay = TimeSpan.FromSeconds(8),
            MaxReconnectAttempts = 8,
        };
        var delays = new List<TimeSpan>();
        var pipeline = ReconnectPolicy.Create(options, (_, delay, _) => { lock (delays) delays.Add(delay); });
        int calls = 0;
        var run = pipeline.ExecuteAsync(_ =>
        {
            calls++;
            throw new CtiConnectionLostException("down");
#pragma warning disable CS0162
            return ValueTask.CompletedTask;
#pragma warning restore CS0162
        }).AsTask();

        while (!run.IsCompleted)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Yield();
        }

        await Assert.ThrowsAsync<CtiConnectionLostException>(() => run);
        Assert.Equal(9, calls);
        Assert.Equal(8, delays.Count);
        Assert.All(delays, d => Assert.InRange(d, TimeSpan.Zero, TimeSpan.FromSeconds(8)));
        Assert.True(delays.Skip(4).Average(d => d.TotalSeconds) > delays.Take(2).Average(d => d.TotalSeconds), string.Join(", ", delays));
        Assert.True(delays.Distinct().Count() > 1, "jitter makes delays differ");
    }

    [Fact]
    public async Task A_refused_login_is_not_retried()
    {
        var options = new CtiClientOptions { Host = "h", User = "u", ReconnectInitialDelay = TimeSpan.Zero };
        var pipeline = ReconnectPolicy.Create(options, (_, _, _) => { });
        int calls = 0;
        await Assert.ThrowsAsync<CtiLoginException>(async () => await pipeline.ExecuteAsync(_ =>
        {
            calls++;
            throw new CtiLoginException(CtiLoginFailure.WrongCredentials, "no");
#pragma warning disable CS0162
            return ValueTask.CompletedTask;
#pragma warning restore CS0162
        }));
        Assert.Equal(1, calls);
    }
}
