using System.Globalization;
using Slican.Cti.Protocol.Ctip;
using Slican.Cti.Testing.Calls;

namespace Slican.Cti.Testing;

/// <summary>
/// What the CTIP spec reports about a call besides its states: the user tag another interface put on it (UTAG),
/// the running charge (AOC) and recordings (RECB/RECC/RECE). XCTIP has no known counterpart, so only CTIP
/// monitors see them (docs/protocol.md, CTIP events).
/// </summary>
public sealed partial class PbxWorld
{
    /// <summary>Longest user tag the spec allows.</summary>
    internal const int MaxUserTagLength = 128;

    private int _nextRecordingId = 1_000_001;

    /// <summary>Tags the call; every extension it rings at now, or later, sees UTAG after its RING or CW.</summary>
    internal void TagCall(Call call, string tag)
    {
        if (call.Phase == CallPhase.Released)
        {
            throw new InvalidOperationException($"Call {call.Cr} has ended.");
        }

        call.UserTag = tag;
        foreach (var s in call.Alerting)
        {
            BroadcastCtip(s, new CtipUserTag(s.Extension, tag));
        }
    }

    /// <summary>Sent right after a RING or CW of a tagged call.</summary>
    private void AnnounceUserTag(Call call, Subscriber s)
    {
        if (call.UserTag is { } tag)
        {
            BroadcastCtip(s, new CtipUserTag(s.Extension, tag));
        }
    }

    /// <summary>The charge of a connected call placed by an extension changed: that extension's monitors see AOC.</summary>
    internal void ChargeCall(Call call, decimal amount)
    {
        if (call.Phase != CallPhase.Connected || call.Caller.Subscriber is not { } payer)
        {
            throw new InvalidOperationException($"Call {call.Cr} is not a connected call placed by an extension ({call.Phase}), so nobody is charged.");
        }

        BroadcastCtip(payer, new CtipCharge(payer.Extension, amount));
    }

    /// <summary>Starts recording <paramref name="s"/>'s side of a connected call (RECB); returns the recording id.</summary>
    internal string StartRecording(Call call, Subscriber s)
    {
        if (call.Phase != CallPhase.Connected || !IsConnectedParty(call, s))
        {
            throw new InvalidOperationException($"{s.Extension} is not in a connected call {call.Cr}.");
        }

        if (call.Recordings.ContainsKey(s))
        {
            throw new InvalidOperationException($"Call {call.Cr} is already being recorded for {s.Extension}.");
        }

        // The spec's id: a main number and a two-digit part number.
        string id = _nextRecordingId++.ToString("D7", CultureInfo.InvariantCulture) + "00";
        call.Recordings[s] = id;
        BroadcastCtip(s, new CtipRecordingStarted(s.Extension, id));
        return id;
    }

    /// <summary>Cancels a recording (RECC): no file is kept.</summary>
    internal void CancelRecording(Call call, Subscriber s)
    {
        if (!call.Recordings.Remove(s, out string? id))
        {
            throw new InvalidOperationException($"Call {call.Cr} is not being recorded for {s.Extension}.");
        }

        BroadcastCtip(s, new CtipRecordingCancelled(s.Extension, id));
    }

    /// <summary>
    /// Finishes the recordings of extensions leaving the call (all of them when <paramref name="leaving"/> is
    /// <see langword="null"/>): RECE names the card that holds the file and its path. The spec allows up to 60 s
    /// after the call; the emulator reports it at once.
    /// </summary>
    private void FinishRecordings(Call call, Subscriber? leaving = null)
    {
        foreach (var (s, id) in call.Recordings.Where(r => leaving is null || r.Key == leaving).ToList())
        {
            call.Recordings.Remove(s);
            string card = _context.Options.Address.ToString();
            BroadcastCtip(s, new CtipRecordingEnded(s.Extension, id, card, $"/rec/{id}.wav"));
        }
    }
}
