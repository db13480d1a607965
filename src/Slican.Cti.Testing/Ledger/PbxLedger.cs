using Slican.Cti.Protocol.Ctip;
using Slican.Cti.Protocol.Xctip;
using Slican.Cti.Testing.Sessions;

namespace Slican.Cti.Testing;

/// <summary>
/// One message the emulator wrote to a client socket.
/// </summary>
/// <param name="Sequence">Position in the ledger (increasing).</param>
/// <param name="SessionId">The session (<c>x12</c> for XCTIP, <c>c3</c> for CTIP).</param>
/// <param name="Extension">The session's logged-in extension, or <see langword="null"/>.</param>
/// <param name="Protocol">The interface.</param>
/// <param name="Message">The typed message: an <see cref="XctipMessage"/> or a <see cref="CtipMessage"/>.</param>
/// <param name="Timestamp">When it was written (emulator clock).</param>
/// <param name="ChatMessageId">Stable id of a chat message or SMS this message carries (the <c>SMSId</c>), so tests can prove none was lost or duplicated.</param>
public sealed record PbxLedgerEntry(long Sequence, string SessionId, string? Extension, PbxProtocol Protocol, object Message, DateTimeOffset Timestamp, int? ChatMessageId)
{
    /// <summary>The XCTIP message, or <see langword="null"/> for CTIP.</summary>
    public XctipMessage? Xctip => Message as XctipMessage;

    /// <summary>The CTIP message, or <see langword="null"/> for XCTIP.</summary>
    public CtipMessage? Ctip => Message as CtipMessage;
}

/// <summary>
/// What was delivered to whom: every message the emulator wrote to a socket, in order. Entries are recorded after
/// the write completed, so a message queued for a session that was dropped first is not in the ledger.
/// </summary>
public sealed class PbxLedger
{
    private readonly object _gate = new();
    private readonly List<PbxLedgerEntry> _entries = [];
    private readonly List<(Func<PbxLedgerEntry, bool> Match, TaskCompletionSource<PbxLedgerEntry> Done)> _waiters = [];
    private readonly int _capacity;
    private readonly TimeProvider _time;
    private long _sequence;

    internal PbxLedger(int capacity, TimeProvider time)
    {
        _capacity = capacity;
        _time = time;
    }

    /// <summary>A snapshot of all entries kept.</summary>
    public IReadOnlyList<PbxLedgerEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return _entries.ToArray();
            }
        }
    }

    /// <summary>Entries delivered to sessions logged in as <paramref name="extension"/>.</summary>
    public IReadOnlyList<PbxLedgerEntry> DeliveredTo(string extension)
    {
        lock (_gate)
        {
            return _entries.Where(e => e.Extension == extension).ToArray();
        }
    }

    /// <summary>Messages of type <typeparamref name="T"/> delivered to <paramref name="extension"/> (any when null).</summary>
    public IReadOnlyList<T> MessagesTo<T>(string? extension = null)
        where T : class
    {
        lock (_gate)
        {
            return _entries.Where(e => extension is null || e.Extension == extension).Select(e => e.Message).OfType<T>().ToArray();
        }
    }

    /// <summary>Chat message ids delivered to <paramref name="extension"/>, in delivery order, duplicates included.</summary>
    public IReadOnlyList<int> ChatMessageIdsDeliveredTo(string extension)
    {
        lock (_gate)
        {
            return _entries.Where(e => e.Extension == extension && e.ChatMessageId is not null).Select(e => e.ChatMessageId!.Value).ToArray();
        }
    }

    /// <summary>Waits for the first entry (already recorded or future) that matches.</summary>
    public Task<PbxLedgerEntry> WaitForAsync(Func<PbxLedgerEntry, bool> match, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(match);
        lock (_gate)
        {
            var found = _entries.FirstOrDefault(match);
            if (found is not null)
            {
                return Task.FromResult(found);
            }

            var done = new TaskCompletionSource<PbxLedgerEntry>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, done));
            return done.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Forgets all entries.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    internal void Record(PbxSession session, OutboundItem item)
    {
        if (_capacity <= 0)
        {
            return;
        }

        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (item.Xctip is { } messages)
            {
                foreach (var m in messages)
                {
                    Add(new PbxLedgerEntry(++_sequence, session.SessionId, session.User?.Extension, session.Protocol, m, now, item.ChatMessageId));
                }
            }
            else if (item.Ctip is { } line)
            {
                Add(new PbxLedgerEntry(++_sequence, session.SessionId, session.User?.Extension, session.Protocol, line, now, item.ChatMessageId));
            }
        }
    }

    private void Add(PbxLedgerEntry entry)
    {
        if (_entries.Count >= _capacity)
        {
            _entries.RemoveRange(0, _entries.Count / 2);
        }

        _entries.Add(entry);
        for (int i = _waiters.Count - 1; i >= 0; i--)
        {
            if (_waiters[i].Match(entry))
            {
                _waiters[i].Done.TrySetResult(entry);
                _waiters.RemoveAt(i);
            }
        }
    }
}
