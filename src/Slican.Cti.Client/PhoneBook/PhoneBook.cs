using Slican.Cti.Protocol.Xctip;
using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Client;

/// <summary>
/// The PBX phone book, kept in sync: contacts, groups and favourites, search by name or number prefix, and reverse
/// lookup by number for screen pop. Synchronised on connect, on every <c>Sync/Change_EV</c> and after reconnects
/// (from the stored marker, so only changes travel). Reads are lock-protected snapshots; thread-safe.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The SemaphoreSlim is only awaited (no wait handle); it needs no disposal.")]
public sealed class PhoneBook : IBackgroundOwner
{
    private readonly CtiClient _client;
    private readonly object _gate = new();
    private readonly SemaphoreSlim _syncGate = new(1, 1);
    private readonly Dictionary<int, Contact> _contacts = [];
    private readonly Dictionary<int, ContactGroup> _groups = [];
    // Number key -> contact id; the rare keys shared by several contacts keep the others in _byNumberMore.
    private readonly Dictionary<string, int> _byNumber = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _byNumberMore = new(StringComparer.Ordinal);
    private readonly Dictionary<int, int> _bySubscriberId = [];
    private readonly Dictionary<string, int> _byExtension = new(StringComparer.Ordinal);
    private readonly EventStream<PhoneBookChange> _changes;
    private readonly BackgroundSync _background;
    private string? _marker;

    internal PhoneBook(CtiClient client)
    {
        _client = client;
        _changes = client.Hub.CreateStream<PhoneBookChange>("PhoneBook");
        _background = new BackgroundSync("PhoneBook", ct => SyncAsync(ct), client);
    }

    /// <summary>A contact was added, changed or removed, or the book was reset.</summary>
    public event EventHandler<PhoneBookChange>? Changed
    {
        add => _changes.Handlers += value;
        remove => _changes.Handlers -= value;
    }

    /// <summary>Subscribes to phone-book changes.</summary>
    public CtiEventSubscription<PhoneBookChange> Subscribe(int? capacity = null, EventOverflowMode? mode = null) => _changes.Subscribe(capacity, mode);

    /// <summary>The number of contacts.</summary>
    public int Count
    {
        get
        {
            lock (_gate) return _contacts.Count;
        }
    }

    /// <summary>The resume marker of the last sync (opaque; persist it to resync incrementally after a restart).</summary>
    public string? Marker
    {
        get
        {
            lock (_gate) return _marker;
        }
    }

    /// <summary>All contacts, ordered by name.</summary>
    public IReadOnlyList<Contact> Contacts
    {
        get
        {
            lock (_gate) return [.. _contacts.Values.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase)];
        }
    }

    /// <summary>All groups, ordered by name.</summary>
    public IReadOnlyList<ContactGroup> Groups
    {
        get
        {
            lock (_gate) return [.. _groups.Values.OrderBy(g => g.Name, StringComparer.OrdinalIgnoreCase)];
        }
    }

    /// <summary>The user's favourite contacts.</summary>
    public IReadOnlyList<Contact> Favourites
    {
        get
        {
            lock (_gate) return [.. _contacts.Values.Where(c => c.Favourite).OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase)];
        }
    }

    /// <summary>The contact with an id, or <see langword="null"/>.</summary>
    public Contact? Find(int contactId)
    {
        lock (_gate) return _contacts.GetValueOrDefault(contactId);
    }

    /// <summary>The contacts of a group.</summary>
    public IReadOnlyList<Contact> InGroup(int groupId)
    {
        lock (_gate) return [.. _contacts.Values.Where(c => c.GroupIds.Contains(groupId)).OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>The subscriber contact for an extension number (<c>201</c>), or <see langword="null"/>.</summary>
    public Contact? FindByExtension(string extension)
    {
        lock (_gate) return _byExtension.TryGetValue(extension, out int id) ? _contacts.GetValueOrDefault(id) : null;
    }

    /// <summary>The subscriber contact for a subscriber Id (<c>1001</c>), or <see langword="null"/>.</summary>
    public Contact? FindBySubscriberId(int subscriberId)
    {
        lock (_gate) return _bySubscriberId.TryGetValue(subscriberId, out int id) ? _contacts.GetValueOrDefault(id) : null;
    }

    /// <summary>
    /// Searches by name (case- and Polish-diacritic-insensitive; every word of the query must occur) or, when the
    /// query is a number, by number prefix (as stored, or normalised: <c>0612</c>, <c>612</c> and <c>+4861</c> all find
    /// <c>+48 61 234 56 78</c>).
    /// </summary>
    public IReadOnlyList<Contact> Search(string query, int maxResults = 50)
    {
        ArgumentNullException.ThrowIfNull(query);
        string trimmed = query.Trim();
        if (trimmed.Length == 0) return [];
        bool isNumber = trimmed.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '(' or ')');
        List<Contact> result = [];
        lock (_gate)
        {
            if (isNumber)
            {
                string digits = new([.. trimmed.Where(char.IsAsciiDigit)]);
                var prefixes = NumberPrefixes(trimmed, digits);
                foreach (var contact in _contacts.Values)
                {
                    if (MatchesNumberPrefix(contact, digits, prefixes)) result.Add(contact);
                }
            }
            else
            {
                string[] words = Fold(trimmed).Split(' ', StringSplitOptions.RemoveEmptyEntries);
                foreach (var contact in _contacts.Values)
                {
                    string name = Fold(contact.Name);
                    if (words.All(w => name.Contains(w, StringComparison.Ordinal))) result.Add(contact);
                }
            }
        }

        return [.. result.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).Take(maxResults)];
    }

    private List<string> NumberPrefixes(string query, string digits)
    {
        List<string> prefixes = [];
        if (query.StartsWith('+')) prefixes.Add(digits);
        var options = _client.Options.PhoneNumbers;
        if (digits.StartsWith(options.InternationalPrefix, StringComparison.Ordinal)) prefixes.Add(digits[options.InternationalPrefix.Length..]);
        else if (options.OutsideLinePrefix.Length > 0 && digits.StartsWith(options.OutsideLinePrefix, StringComparison.Ordinal)) prefixes.Add(options.CountryCode + digits[options.OutsideLinePrefix.Length..]);
        else prefixes.Add(options.CountryCode + digits);
        return prefixes;
    }

    private bool MatchesNumberPrefix(Contact contact, string digits, List<string> normalisedPrefixes)
    {
        if (contact.Extension is { } ext && ext.StartsWith(digits, StringComparison.Ordinal)) return true;
        foreach (var phone in contact.Phones)
        {
            string stored = new([.. phone.Number.Where(char.IsAsciiDigit)]);
            if (stored.StartsWith(digits, StringComparison.Ordinal)) return true;
            string? key = _client.Numbers.Normalize(phone.Number);
            if (key is null || _client.Numbers.IsInternal(key)) continue;
            foreach (var prefix in normalisedPrefixes)
            {
                if (key.StartsWith(prefix, StringComparison.Ordinal)) return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Reverse lookup for screen pop: the contact whose number matches <paramref name="number"/> as the PBX reports
    /// it (internal <c>201</c>, national with the outside-line prefix <c>0612345678</c>, international
    /// <c>0048612345678</c> or <c>+48612345678</c>), whatever way the number was typed into the phone book.
    /// Prefers a unique match; among several contacts, subscribers and then favourites win.
    /// </summary>
    public ContactMatch? FindByNumber(string number)
    {
        if (string.IsNullOrWhiteSpace(number)) return null;
        lock (_gate)
        {
            foreach (string key in _client.Numbers.Candidates(number))
            {
                if (!_byNumber.TryGetValue(key, out int first)) continue;
                IEnumerable<int> ids = _byNumberMore.TryGetValue(key, out var more) ? [first, .. more] : [first];
                var contact = ids.Select(id => _contacts[id])
                    .OrderByDescending(c => c.Extension is not null)
                    .ThenByDescending(c => c.Favourite)
                    .ThenBy(c => c.Id)
                    .First();
                var phone = contact.Phones.FirstOrDefault(p => _client.Numbers.Normalize(p.Number) == key);
                return new ContactMatch(contact, phone);
            }
        }

        return null;
    }

    /// <summary>
    /// Brings the phone book up to date from the stored marker (everything on the first call). Normally not needed:
    /// the client syncs on connect and whenever the PBX reports a change.
    /// </summary>
    public Task<PhoneBookSyncResult> SyncAsync(CancellationToken cancellationToken = default) =>
        SyncCoreAsync(_client.RequireConnection("Sync/Sync_REQ Book"), cancellationToken);

    internal async Task<PhoneBookSyncResult> SyncCoreAsync(CtiConnection connection, CancellationToken cancellationToken)
    {
        await _syncGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            string? marker;
            lock (_gate) marker = _marker;
            var result = await SyncLoop.RunAsync(connection, SyncType.Book, marker, _client.Options.SyncBatchSize, Apply, cancellationToken).ConfigureAwait(false);
            int count;
            lock (_gate)
            {
                _marker = result.Marker;
                count = _contacts.Count;
            }

            ClientLog.Synced(_client.Logger, "Book", result.Rows, result.Reset);
            return new PhoneBookSyncResult(result.Rows, result.Reset, result.EpochChanged, count);
        }
        finally
        {
            _syncGate.Release();
        }
    }

    internal void ScheduleSync() => _background.Schedule();

    internal void ApplyPushed(SyncRow row)
    {
        Apply(row);
        if (!string.IsNullOrEmpty(row.Marker))
        {
            lock (_gate) _marker = row.Marker;
        }
    }

    IEnumerable<Task> IBackgroundOwner.BackgroundTasks => [_background.Current];

    /// <summary>What the user may change (<c>Sync/GetPermission_REQ</c>).</summary>
    public async Task<PhoneBookPermissions> GetPermissionsAsync(CancellationToken cancellationToken = default)
    {
        var answer = await _client.RequestAsync<SyncGetPermissionAnswer>(new SyncGetPermissionRequest { Id = _client.LogInfo?.Id }, cancellationToken).ConfigureAwait(false);
        return new PhoneBookPermissions(answer.EditBook ?? false, answer.EditGroups ?? false);
    }

    /// <summary>
    /// Adds a private contact (<c>Sync/SendChange_REQ</c> with an <c>AddRow</c>), waits until the PBX has it and returns
    /// it with its new id.
    /// </summary>
    /// <exception cref="CtiRequestFailedException">The PBX refused (e.g. <c>Not permitted</c>: the user may not edit the phone book).</exception>
    public async Task<Contact> AddContactAsync(string name, IEnumerable<ContactPhone> phones, bool isPrivate = true, IEnumerable<int>? groupIds = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(phones);
        var contact = new Contact { Name = name, Private = isPrivate, Phones = [.. phones], GroupIds = [.. groupIds ?? []] };
        HashSet<int> before;
        lock (_gate) before = [.. _contacts.Keys];
        await SendChangeAsync(RowType.AddRow, contact.ToBook(), cancellationToken).ConfigureAwait(false);
        await SyncAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            return _contacts.Values.Where(c => !before.Contains(c.Id) && c.Name == name).OrderByDescending(c => c.Id).FirstOrDefault()
                ?? throw new CtiException($"The PBX accepted the new contact \"{name}\" but the phone-book sync did not return it.");
        }
    }

    /// <summary>Changes a contact (<c>Update</c> row): pass a copy made with <c>with</c>.</summary>
    public async Task<Contact> UpdateContactAsync(Contact contact, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contact);
        await SendChangeAsync(RowType.Update, contact.ToBook(), cancellationToken).ConfigureAwait(false);
        await SyncAsync(cancellationToken).ConfigureAwait(false);
        return Find(contact.Id) ?? contact;
    }

    /// <summary>Deletes a contact (<c>DelRow</c> row).</summary>
    public async Task DeleteContactAsync(int contactId, CancellationToken cancellationToken = default)
    {
        await SendChangeAsync(RowType.DelRow, new BookContact { ContactId = contactId }, cancellationToken).ConfigureAwait(false);
        await SyncAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Marks or unmarks a contact as a favourite.</summary>
    public Task<Contact> SetFavouriteAsync(int contactId, bool favourite, CancellationToken cancellationToken = default)
    {
        var contact = Find(contactId) ?? throw new ArgumentException($"Contact {contactId} is not in the phone book.", nameof(contactId));
        return UpdateContactAsync(contact with { Favourite = favourite }, cancellationToken);
    }

    /// <summary>Adds a phone-book group (needs the group-edit privilege) and returns it with its new id.</summary>
    public async Task<ContactGroup> AddGroupAsync(string name, bool isPrivate = false, bool favourite = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        HashSet<int> before;
        lock (_gate) before = [.. _groups.Keys];
        await SendGroupChangeAsync(RowType.AddRow, new BookGroup { Name = name, Private = isPrivate, Favourite = favourite }, cancellationToken).ConfigureAwait(false);
        await SyncAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            return _groups.Values.Where(g => !before.Contains(g.Id) && g.Name == name).OrderByDescending(g => g.Id).FirstOrDefault()
                ?? throw new CtiException($"The PBX accepted the new group \"{name}\" but the phone-book sync did not return it.");
        }
    }

    /// <summary>Renames or re-flags a group: pass a copy made with <c>with</c>.</summary>
    public async Task<ContactGroup> UpdateGroupAsync(ContactGroup group, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(group);
        await SendGroupChangeAsync(RowType.Update, new BookGroup { GroupId = group.Id, Name = group.Name, Favourite = group.Favourite, Private = group.Private, Department = group.Department }, cancellationToken).ConfigureAwait(false);
        await SyncAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate) return _groups.GetValueOrDefault(group.Id) ?? group;
    }

    /// <summary>Deletes a group.</summary>
    public async Task DeleteGroupAsync(int groupId, CancellationToken cancellationToken = default)
    {
        await SendGroupChangeAsync(RowType.DelRow, new BookGroup { GroupId = groupId }, cancellationToken).ConfigureAwait(false);
        await SyncAsync(cancellationToken).ConfigureAwait(false);
    }

    private Task<XctipAnswer> SendGroupChangeAsync(RowType rowType, BookGroup group, CancellationToken cancellationToken) =>
        _client.RequestAsync(new SyncSendChangeRequest
        {
            Id = _client.LogInfo?.Id,
            Rows = [new SyncRow { RowType = rowType, SyncType = SyncType.Book, Group = group }],
        }, cancellationToken);

    private Task<XctipAnswer> SendChangeAsync(RowType rowType, BookContact contact, CancellationToken cancellationToken) =>
        _client.RequestAsync(new SyncSendChangeRequest
        {
            Id = _client.LogInfo?.Id,
            Rows = [new SyncRow { RowType = rowType, SyncType = SyncType.Book, Contact = contact }],
        }, cancellationToken);

    private void Apply(SyncRow row)
    {
        PhoneBookChange? change = null;
        lock (_gate)
        {
            if (row.RowType == RowType.DelAll)
            {
                _contacts.Clear();
                _groups.Clear();
                _byNumber.Clear();
                _byNumberMore.Clear();
                _bySubscriberId.Clear();
                _byExtension.Clear();
                change = new PhoneBookChange(PhoneBookChangeKind.Reset);
            }
            else if (row.Contact is { } bookContact)
            {
                int id = bookContact.ContactId ?? 0;
                bool existed = _contacts.TryGetValue(id, out var old);
                if (existed) Unindex(old!);
                if (row.RowType == RowType.DelRow)
                {
                    _contacts.Remove(id);
                    if (existed) change = new PhoneBookChange(PhoneBookChangeKind.ContactRemoved, old);
                }
                else
                {
                    var contact = Contact.From(bookContact);
                    if (row.RowType == RowType.AddField && existed)
                    {
                        contact = old! with { Phones = [.. old!.Phones, .. contact.Phones] };
                    }

                    _contacts[id] = contact;
                    Index(contact);
                    change = new PhoneBookChange(existed ? PhoneBookChangeKind.ContactUpdated : PhoneBookChangeKind.ContactAdded, contact);
                }
            }
            else if (row.Group is { } bookGroup)
            {
                int id = bookGroup.GroupId ?? 0;
                if (row.RowType == RowType.DelRow)
                {
                    if (_groups.Remove(id, out var oldGroup)) change = new PhoneBookChange(PhoneBookChangeKind.GroupRemoved, Group: oldGroup);
                }
                else
                {
                    var group = new ContactGroup(id, bookGroup.Name ?? string.Empty, bookGroup.Favourite ?? false, bookGroup.Private ?? false, bookGroup.Department ?? false);
                    _groups[id] = group;
                    change = new PhoneBookChange(PhoneBookChangeKind.GroupChanged, Group: group);
                }
            }
        }

        if (change is not null && _changes.HasListeners) _changes.Publish(_client, change);
    }

    private void Index(Contact contact)
    {
        if (contact.SubscriberId is int sid) _bySubscriberId[sid] = contact.Id;
        if (contact.Extension is { } ext)
        {
            _byExtension[ext] = contact.Id;
            AddKey(ext, contact.Id);
        }

        foreach (var phone in contact.Phones)
        {
            if (_client.Numbers.Normalize(phone.Number) is { } key) AddKey(key, contact.Id);
        }
    }

    private void AddKey(string key, int id)
    {
        if (!_byNumber.TryAdd(key, id) && _byNumber[key] != id)
        {
            if (!_byNumberMore.TryGetValue(key, out var more)) _byNumberMore[key] = more = new List<int>(1);
            if (!more.Contains(id)) more.Add(id);
        }
    }

    private void Unindex(Contact contact)
    {
        if (contact.SubscriberId is int sid && _bySubscriberId.TryGetValue(sid, out int s) && s == contact.Id) _bySubscriberId.Remove(sid);
        if (contact.Extension is { } ext)
        {
            if (_byExtension.TryGetValue(ext, out int e) && e == contact.Id) _byExtension.Remove(ext);
            RemoveKey(ext, contact.Id);
        }

        foreach (var phone in contact.Phones)
        {
            if (_client.Numbers.Normalize(phone.Number) is { } key) RemoveKey(key, contact.Id);
        }
    }

    private void RemoveKey(string key, int id)
    {
        _byNumberMore.TryGetValue(key, out var more);
        if (_byNumber.TryGetValue(key, out int first) && first == id)
        {
            if (more is { Count: > 0 })
            {
                _byNumber[key] = more[0];
                more.RemoveAt(0);
            }
            else
            {
                _byNumber.Remove(key);
            }
        }
        else
        {
            more?.Remove(id);
        }

        if (more is { Count: 0 }) _byNumberMore.Remove(key);
    }

    /// <summary>Lower-case and strip Polish diacritics, so "wojcik" finds "Wójcik".</summary>
    internal static string Fold(string text)
    {
        return string.Create(text.Length, text, static (span, source) =>
        {
            for (int i = 0; i < source.Length; i++)
            {
                char c = char.ToLowerInvariant(source[i]);
                span[i] = c switch
                {
                    'ą' => 'a',
                    'ć' => 'c',
                    'ę' => 'e',
                    'ł' => 'l',
                    'ń' => 'n',
                    'ó' => 'o',
                    'ś' => 's',
                    'ź' or 'ż' => 'z',
                    _ => c,
                };
            }
        });
    }
}
