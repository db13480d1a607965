using Slican.Cti.Voip.Calls;

namespace Slican.Cti.Doorphone.Doors;

/// <summary>
/// <see cref="IDoorDtmfSender"/> over <c>Slican.Cti.Voip</c>: sends the door code as DTMF into the
/// <see cref="SipCall"/> the application has with the doorphone (RFC 4733 telephone-event when the call negotiated
/// it, SIP INFO otherwise, or as set by <see cref="Mode"/>). The application points the sender at its calls with
/// <see cref="Attach"/> when a call with a doorphone is answered; ended calls are forgotten on their own.
/// </summary>
/// <remarks>The digits are a secret: they never appear in exceptions or logs.</remarks>
public sealed class SipCallDoorDtmfSender : IDoorDtmfSender
{
    private readonly object _gate = new();
    private readonly Dictionary<int, SipCall> _calls = [];

    /// <summary>How digits are sent. Default <see cref="DtmfMode.Auto"/> (RFC 4733 when negotiated, else SIP INFO).</summary>
    public DtmfMode Mode { get; init; } = DtmfMode.Auto;

    /// <summary>Declares <paramref name="call"/> the current call with doorphone <paramref name="doorphoneId"/> (replacing an earlier one). The entry is removed when the call ends.</summary>
    public void Attach(int doorphoneId, SipCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        lock (_gate)
        {
            _calls[doorphoneId] = call;
        }

        _ = call.Ended.ContinueWith(_ => Detach(doorphoneId, call), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Forgets the call with a doorphone; returns false when none was attached.</summary>
    public bool Detach(int doorphoneId)
    {
        lock (_gate)
        {
            return _calls.Remove(doorphoneId);
        }
    }

    /// <summary>The attached call with a doorphone, if any.</summary>
    public SipCall? GetCall(int doorphoneId)
    {
        lock (_gate)
        {
            return _calls.GetValueOrDefault(doorphoneId);
        }
    }

    /// <summary>Sends the digits one after another in the attached, established call with the doorphone.</summary>
    /// <exception cref="ArgumentException">The code is empty or holds characters other than 0-9, *, #, A-D (the code is not repeated in the message).</exception>
    /// <exception cref="InvalidOperationException">There is no established call with the doorphone.</exception>
    public async Task SendDtmfAsync(int doorphoneId, string digits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(digits);
        if (digits.Length == 0 || !digits.All(IsDtmfKey))
        {
            throw new ArgumentException("The DTMF door code must be one or more of 0-9, *, # and A-D.", nameof(digits));
        }

        var call = GetCall(doorphoneId);
        if (call is null || call.State != SipCallState.Established)
        {
            throw new InvalidOperationException(
                $"No established call with doorphone {doorphoneId} to send the door code in ({(call is null ? "none attached: call SipCallDoorDtmfSender.Attach when the call is answered" : "the call is " + call.State)}).");
        }

        foreach (char digit in digits)
        {
            await call.SendDtmfAsync(digit, Mode, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsDtmfKey(char c) => c is (>= '0' and <= '9') or '*' or '#' or (>= 'A' and <= 'D') or (>= 'a' and <= 'd');

    private void Detach(int doorphoneId, SipCall call)
    {
        lock (_gate)
        {
            if (_calls.TryGetValue(doorphoneId, out var current) && ReferenceEquals(current, call))
            {
                _calls.Remove(doorphoneId);
            }
        }
    }
}
