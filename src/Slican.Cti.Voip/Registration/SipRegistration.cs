using System.Globalization;
using Slican.Cti.Voip.Sip.Auth;
using Slican.Cti.Voip.Sip.Messages;

namespace Slican.Cti.Voip.Registration;

/// <summary>
/// A registration binding kept alive: REGISTER with digest authentication (nonce reused with counting nonce
/// count, re-challenged when stale), refreshed before it expires, 423 Interval Too Brief answered with the
/// registrar's Min-Expires, and removed (Expires: 0) on <see cref="DisposeAsync"/>.
/// </summary>
public sealed class SipRegistration : IAsyncDisposable
{
    private readonly SipUserAgent _agent;
    private readonly string _callId;
    private readonly string _fromTag;
    private readonly DigestAuthenticator? _auth;
    private readonly CancellationTokenSource _stop = new();
    private uint _cseq;
    private int _requestedExpires;
    private ITimer? _refreshTimer;
    private int _disposed;

    internal SipRegistration(SipUserAgent agent, SipAccount account)
    {
        _agent = agent;
        Account = account;
        _callId = agent.Random.NextHex(24) + "@slican-cti";
        _fromTag = agent.Random.NextHex(12);
        _auth = account.Credentials is { } c ? new DigestAuthenticator(c) : null;
        _requestedExpires = account.RegisterExpires;
    }

    /// <summary>The account.</summary>
    public SipAccount Account { get; }

    /// <summary>True while the registrar holds a binding.</summary>
    public bool IsRegistered { get; private set; }

    /// <summary>Lifetime the registrar granted, in seconds.</summary>
    public int GrantedExpires { get; private set; }

    /// <summary>When the binding expires (on the agent's clock).</summary>
    public DateTimeOffset ExpiresAt { get; private set; }

    /// <summary>Number of successful REGISTER transactions (initial plus refreshes).</summary>
    public int RefreshCount { get; private set; }

    /// <summary>Raised when a refresh failed (the binding may expire); the argument explains why.</summary>
    public event Action<SipRegistration, Exception>? RefreshFailed;

    /// <summary>Raised after every successful refresh.</summary>
    public event Action<SipRegistration>? Refreshed;

    /// <summary>Sends REGISTER until accepted; throws <see cref="SipRegistrationException"/> with the reason otherwise.</summary>
    internal async Task RegisterAsync(int expires, CancellationToken cancellationToken)
    {
        for (int attempt = 0; attempt < 5; attempt++)
        {
            var request = BuildRegister(expires);
            var response = await _agent.SendOutOfDialogAsync(request, Account, null, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccess)
            {
                GrantedExpires = expires == 0 ? 0 : ReadGrantedExpires(response, expires);
                IsRegistered = GrantedExpires > 0;
                ExpiresAt = _agent.Time.GetUtcNow().AddSeconds(GrantedExpires);
                if (IsRegistered)
                {
                    RefreshCount++;
                    VoipLog.Registered(_agent.Logger, Account.AddressOfRecord, $"{Account.Registrar}:{Account.Port}", GrantedExpires);
                    ScheduleRefresh();
                }

                return;
            }

            if (response.StatusCode is 401 or 407)
            {
                if (_auth is null)
                {
                    throw new SipRegistrationException($"Registrar {Account.Registrar} asks for authentication ({response.StatusCode}) but the account has no password.", response.StatusCode);
                }

                if (!_auth.AcceptChallenge(response))
                {
                    throw new SipRegistrationException($"Registrar {Account.Registrar} refused the credentials of user '{Account.AuthUserName ?? Account.UserName}' ({response.StatusCode} {response.ReasonPhrase}). Check the user name and password.", response.StatusCode);
                }

                continue;
            }

            if (response.StatusCode == 423 && expires != 0)
            {
                if (!int.TryParse(response.GetHeader(SipHeaderNames.MinExpires), NumberStyles.None, CultureInfo.InvariantCulture, out int min) || min <= expires)
                {
                    throw new SipRegistrationException($"Registrar {Account.Registrar} answered 423 without a usable Min-Expires.", 423);
                }

                expires = min;
                _requestedExpires = min;
                continue;
            }

            throw new SipRegistrationException($"Registrar {Account.Registrar} refused REGISTER for {Account.AddressOfRecord}: {response.StatusCode} {response.ReasonPhrase}.", response.StatusCode);
        }

        throw new SipRegistrationException($"Registrar {Account.Registrar} kept challenging REGISTER for {Account.AddressOfRecord}; giving up after 5 attempts.", 0);
    }

    private SipRequest BuildRegister(int expires)
    {
        var request = _agent.CreateOutOfDialogRequest("REGISTER", $"sip:{Account.Registrar}", Account, new SipNameAddress { Uri = SipUri.Parse(Account.AddressOfRecord) }, _callId, ++_cseq, _fromTag);
        request.SetHeader(SipHeaderNames.Expires, expires.ToString(CultureInfo.InvariantCulture));
        _auth?.Authorize(request, _agent.Random);
        return request;
    }

    private int ReadGrantedExpires(SipResponse response, int requested)
    {
        // RFC 3261 §10.2.4: the registrar lists the bindings with their expires; ours carries our user part.
        foreach (string c in response.GetHeaderValues(SipHeaderNames.Contact))
        {
            var na = SipNameAddress.Parse(c);
            if (string.Equals(na.Uri.User, Account.UserName, StringComparison.Ordinal)
                && int.TryParse(na.GetParameter("expires"), NumberStyles.None, CultureInfo.InvariantCulture, out int e))
            {
                return e;
            }
        }

        return int.TryParse(response.GetHeader(SipHeaderNames.Expires), NumberStyles.None, CultureInfo.InvariantCulture, out int h) ? h : requested;
    }

    private void ScheduleRefresh()
    {
        // Refresh at half the lifetime for short bindings, 30 s ahead for long ones.
        int seconds = GrantedExpires <= 60 ? Math.Max(1, GrantedExpires / 2) : GrantedExpires - 30;
        _refreshTimer?.Dispose();
        _refreshTimer = _agent.Time.CreateTimer(_ => _ = RefreshAsync(), null, TimeSpan.FromSeconds(seconds), Timeout.InfiniteTimeSpan);
    }

    private async Task RefreshAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        try
        {
            await RegisterAsync(_requestedExpires, _stop.Token).ConfigureAwait(false);
            Refreshed?.Invoke(this);
        }
#pragma warning disable CA1031 // a failed refresh is reported through the event and retried; it must not crash a timer thread
        catch (Exception ex) when (!_stop.IsCancellationRequested)
#pragma warning restore CA1031
        {
            IsRegistered = _agent.Time.GetUtcNow() < ExpiresAt;
            VoipLog.RegistrationRefreshFailed(_agent.Logger, Account.AddressOfRecord, ex.Message);
            RefreshFailed?.Invoke(this, ex);
            _refreshTimer?.Dispose();
            _refreshTimer = _agent.Time.CreateTimer(_ => _ = RefreshAsync(), null, TimeSpan.FromSeconds(30), Timeout.InfiniteTimeSpan);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Removes the binding now (Expires: 0) and stops refreshing.</summary>
    public async Task UnregisterAsync(CancellationToken cancellationToken = default)
    {
        _refreshTimer?.Dispose();
        if (IsRegistered)
        {
            await RegisterAsync(0, cancellationToken).ConfigureAwait(false);
            IsRegistered = false;
        }
    }

    /// <summary>Unregisters (best effort, bounded by the transaction timeout) and stops refreshing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _refreshTimer?.Dispose();
        try
        {
            await UnregisterAsync(CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // unregistering is best effort: the binding expires anyway
        catch (Exception ex)
#pragma warning restore CA1031
        {
            VoipLog.RegistrationRefreshFailed(_agent.Logger, Account.AddressOfRecord, "unregister: " + ex.Message);
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() => $"SipRegistration {{ {Account.AddressOfRecord}, registered = {IsRegistered}, expires = {GrantedExpires} }}";
}
