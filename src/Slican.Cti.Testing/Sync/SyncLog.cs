namespace Slican.Cti.Testing.Sync;

/// <summary>One record's latest change in a <see cref="SyncLog"/>.</summary>
internal sealed class SyncEntry(char kind, int id, object payload, uint seq)
{
    public char Kind { get; } = kind;

    public int Id { get; } = id;

    public object Payload { get; set; } = payload;

    public uint Seq { get; set; } = seq;

    /// <summary>Sequence at which the record was created (an <c>AddRow</c> for clients whose marker is older).</summary>
    public uint Created { get; set; } = seq;

    public bool Deleted { get; set; }
}

/// <summary>
/// A compacted change log for one sync type (and owner): every record appears once, at the sequence number of its
/// latest change; deletions stay as tombstones. A marker is a sequence number, so "everything after my marker" is a
/// range of this log. After <c>capacity</c> changes the log compacts: tombstones go, live records are renumbered
/// after a new horizon, and markers older than the horizon can no longer be served as deltas (<c>Overflow</c>).
/// </summary>
internal sealed class SyncLog(int capacity)
{
    private readonly SortedDictionary<uint, SyncEntry> _bySeq = [];
    private readonly Dictionary<(char Kind, int Id), SyncEntry> _byKey = [];
    private int _changes;

    public uint LastSeq { get; private set; }

    /// <summary>Markers below this cannot be answered with deltas.</summary>
    public uint Horizon { get; private set; }

    /// <summary>Whether the last compaction was a wipe by the PBX (cause <c>Event</c>) rather than too many changes (<c>Overflow</c>).</summary>
    public bool WipedByEvent { get; private set; }

    public int LiveCount => _byKey.Values.Count(e => !e.Deleted);

    public SyncEntry Put(char kind, int id, object payload)
    {
        if (_byKey.TryGetValue((kind, id), out var entry))
        {
            _bySeq.Remove(entry.Seq);
            entry.Payload = payload;
            entry.Seq = ++LastSeq;
            if (entry.Deleted)
            {
                entry.Deleted = false;
                entry.Created = entry.Seq;
            }
        }
        else
        {
            entry = new SyncEntry(kind, id, payload, ++LastSeq);
            _byKey.Add((kind, id), entry);
        }

        _bySeq.Add(entry.Seq, entry);
        Changed();
        return entry;
    }

    public SyncEntry? Delete(char kind, int id)
    {
        if (!_byKey.TryGetValue((kind, id), out var entry) || entry.Deleted)
        {
            return null;
        }

        _bySeq.Remove(entry.Seq);
        entry.Deleted = true;
        entry.Seq = ++LastSeq;
        _bySeq.Add(entry.Seq, entry);
        Changed();
        return entry;
    }

    public SyncEntry? Find(char kind, int id) => _byKey.TryGetValue((kind, id), out var e) && !e.Deleted ? e : null;

    /// <summary>Entries changed after <paramref name="seq"/>, oldest first.</summary>
    public IEnumerable<SyncEntry> Since(uint seq)
    {
        foreach (var (key, entry) in _bySeq)
        {
            if (key > seq)
            {
                yield return entry;
            }
        }
    }

    /// <summary>Deletes every record as a PBX-side event (administrator's wipe): older markers get <c>Event</c>.</summary>
    public void Wipe()
    {
        foreach (var key in _byKey.Where(p => !p.Value.Deleted).Select(p => p.Key).ToList())
        {
            Delete(key.Kind, key.Id);
        }

        Compact();
        WipedByEvent = true;
    }

    /// <summary>Starts a new history (store reset): everything is renumbered after a new horizon.</summary>
    public void Compact()
    {
        WipedByEvent = false;
        foreach (var dead in _byKey.Where(p => p.Value.Deleted).Select(p => p.Key).ToList())
        {
            _byKey.Remove(dead);
        }

        var live = _bySeq.Values.Where(e => !e.Deleted).ToList();
        _bySeq.Clear();
        Horizon = LastSeq;
        foreach (var e in live)
        {
            e.Seq = ++LastSeq;
            e.Created = e.Seq;
            _bySeq.Add(e.Seq, e);
        }

        _changes = 0;
    }

    private void Changed()
    {
        if (++_changes > capacity)
        {
            Compact();
        }
    }
}
