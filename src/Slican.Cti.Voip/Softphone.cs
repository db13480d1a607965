using Microsoft.Extensions.Logging;
using Slican.Cti.Voip.Calls;
using Slican.Cti.Voip.Registration;

namespace Slican.Cti.Voip;

/// <summary>
/// The one-account entry point: a <see cref="SipUserAgent"/> registered as one PBX subscriber. Dial with
/// <see cref="CallAsync"/>, take calls from <see cref="IncomingCalls"/>, dispose to hang up and unregister.
/// </summary>
/// <example>
/// <code>
/// await using var phone = await Softphone.StartAsync(new SoftphoneOptions { RegistrarHost = "192.168.1.10", UserName = "201", Password = secret });
/// var call = await phone.CallAsync("204", new SipCallOptions { Source = new ToneSource(1000) });
/// await call.WaitForAnswerAsync();
/// </code>
/// </example>
public sealed class Softphone : IAsyncDisposable
{
    private Softphone(SoftphoneOptions options, SipUserAgent agent)
    {
        Options = options;
        Agent = agent;
        Account = options.ToAccount();
    }

    /// <summary>Options it was started with.</summary>
    public SoftphoneOptions Options { get; }

    /// <summary>The underlying user agent (for several accounts or advanced use).</summary>
    public SipUserAgent Agent { get; }

    /// <summary>The account.</summary>
    public SipAccount Account { get; }

    /// <summary>The registration, or null when <see cref="SoftphoneOptions.Register"/> is false.</summary>
    public SipRegistration? Registration { get; private set; }

    /// <summary>Incoming calls.</summary>
    public IAsyncEnumerable<SipCall> IncomingCalls => Agent.IncomingCalls;

    /// <summary>Raised for each incoming call.</summary>
    public event Action<SipCall>? IncomingCall
    {
        add => Agent.IncomingCall += value;
        remove => Agent.IncomingCall -= value;
    }

    /// <summary>Binds the sockets and (by default) registers. Throws <see cref="SipRegistrationException"/> when the PBX refuses.</summary>
    public static async Task<Softphone> StartAsync(SoftphoneOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var agent = new SipUserAgent(options.ToAgentOptions(), loggerFactory, timeProvider);
        var phone = new Softphone(options, agent);
        try
        {
            if (options.Register)
            {
                phone.Registration = await agent.RegisterAsync(phone.Account, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            await agent.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return phone;
    }

    /// <summary>Calls a number or SIP URI through the PBX.</summary>
    public Task<SipCall> CallAsync(string target, SipCallOptions? options = null, CancellationToken cancellationToken = default) =>
        Agent.CallAsync(Account, target, options, cancellationToken);

    /// <summary>Hangs up all calls, unregisters and closes the sockets.</summary>
    public ValueTask DisposeAsync() => Agent.DisposeAsync();

    /// <inheritdoc />
    public override string ToString() => $"Softphone {{ {Account} }}";
}
