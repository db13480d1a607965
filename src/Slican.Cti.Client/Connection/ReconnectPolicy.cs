using Polly;
using Polly.Retry;

namespace Slican.Cti.Client;

/// <summary>
/// The reconnect backoff of <see cref="CtiClient"/> and <see cref="CtipClient"/>: exponential from the initial
/// delay up to the maximum, with jitter so that many clients behind one PBX restart do not
/// reconnect in lock-step. Network trouble and timeouts are retried; a refused login is not (it needs a fix).
/// </summary>
internal static class ReconnectPolicy
{
    public static ResiliencePipeline Create(CtiClientOptions options, Action<int, TimeSpan, Exception?> onRetry) =>
        Create(options.ReconnectInitialDelay, options.ReconnectMaxDelay, options.MaxReconnectAttempts, options.TimeProvider, onRetry);

    public static ResiliencePipeline Create(TimeSpan initialDelay, TimeSpan maxDelay, int? maxAttempts, TimeProvider timeProvider, Action<int, TimeSpan, Exception?> onRetry)
    {
        var retry = new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder()
                .Handle<CtiLoginException>(e => e.IsTransient)
                .Handle<CtiConnectionLostException>()
                .Handle<CtiNotConnectedException>()
                .Handle<CtiRequestTimeoutException>()
                .Handle<CtiProtocolViolationException>()
                .Handle<IOException>()
                .Handle<TimeoutException>(),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = initialDelay,
            MaxDelay = maxDelay,
            MaxRetryAttempts = maxAttempts ?? int.MaxValue,
            OnRetry = args =>
            {
                onRetry(args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception);
                return default;
            },
        };
        return new ResiliencePipelineBuilder { TimeProvider = timeProvider }.AddRetry(retry).Build();
    }
}
