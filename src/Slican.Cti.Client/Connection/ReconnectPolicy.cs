using Polly;
using Polly.Retry;

namespace Slican.Cti.Client;

/// <summary>
/// The reconnect backoff: exponential from <see cref="CtiClientOptions.ReconnectInitialDelay"/> up to
/// <see cref="CtiClientOptions.ReconnectMaxDelay"/>, with jitter so that many clients behind one PBX restart do not
/// reconnect in lock-step. Network trouble and timeouts are retried; a refused login is not (it needs a fix).
/// </summary>
internal static class ReconnectPolicy
{
    public static ResiliencePipeline Create(CtiClientOptions options, Action<int, TimeSpan, Exception?> onRetry)
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
            Delay = options.ReconnectInitialDelay,
            MaxDelay = options.ReconnectMaxDelay,
            MaxRetryAttempts = options.MaxReconnectAttempts ?? int.MaxValue,
            OnRetry = args =>
            {
                onRetry(args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception);
                return default;
            },
        };
        return new ResiliencePipelineBuilder { TimeProvider = options.TimeProvider }.AddRetry(retry).Build();
    }
}
