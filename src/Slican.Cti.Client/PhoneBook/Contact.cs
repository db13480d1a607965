using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Client;

/// <summary>A phone-book contact: a PBX subscriber, a shared contact, or the user's private one.</summary>
public sealed record Contact
{
    /// <summary>The PBX's contact id.</summary>
    public int Id { get; init; }

    /// <summary>The display name, e.g. <c>Jan Kowalski, Kowalski Sp. z o.o.</c>.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>The extension number when the contact is a subscriber of this PBX.</summary>
    public string? Extension { get; init; }

    /// <summary>The subscriber Id of <see cref="Extension"/> (joins with presence).</summary>
    public int? SubscriberId { get; init; }

    /// <summary>Whether the user marked it a favourite.</summary>
    public bool Favourite { get; init; }

    /// <summary>Whether it is the user's private contact (only the user sees it).</summary>
    public bool Private { get; init; }

    /// <summary>The contact type as the PBX sends it (<c>Subscriber</c>…).</summary>
    public string? Type { get; init; }

    /// <summary>The numbers.</summary>
    public IReadOnlyList<ContactPhone> Phones { get; init; } = [];

    /// <summary>The groups the contact belongs to.</summary>
    public IReadOnlyList<int> GroupIds { get; init; } = [];

    /// <summary>Free text (address, notes).</summary>
    public string? Info { get; init; }

    /// <summary>Messenger address.</summary>
    public string? IM { get; init; }

    /// <summary>The default phone's id.</summary>
    public int? DefaultPhoneId { get; init; }

    /// <summary>The number to dial by default: the default phone, the extension, or the first phone.</summary>
    public string? DefaultNumber =>
        Phones.FirstOrDefault(p => p.Id is not null && p.Id == DefaultPhoneId)?.Number
        ?? Extension
        ?? (Phones.Count > 0 ? Phones[0].Number : null);

    /// <inheritdoc />
    public override string ToString() => Extension is null ? Name : $"{Name} ({Extension})";

    internal static Contact From(BookContact c) => new()
    {
        Id = c.ContactId ?? 0,
        Name = c.Name ?? string.Empty,
        Extension = string.IsNullOrEmpty(c.ExtNo) ? null : c.ExtNo,
        SubscriberId = c.IdExtNo,
        Favourite = c.Favourite ?? false,
        Private = c.Private ?? false,
        Type = c.Type,
        Phones = ConvertPhones(c.Phones),
        GroupIds = c.GroupIds, // immutable already: no copy
        Info = c.Info,
        IM = c.IM,
        DefaultPhoneId = c.DefaultPhoneId,
    };

    private static ContactPhone[] ConvertPhones(Protocol.ValueList<BookPhone> phones)
    {
        int count = 0;
        foreach (var p in phones) if (!string.IsNullOrWhiteSpace(p.Number)) count++;
        if (count == 0) return [];
        var result = new ContactPhone[count];
        int i = 0;
        foreach (var p in phones)
        {
            if (!string.IsNullOrWhiteSpace(p.Number)) result[i++] = new ContactPhone(p.Number!, p.Comment, p.CanSMS ?? false, p.PhoneId, p.DefaultNo ?? false);
        }

        return result;
    }

    internal BookContact ToBook() => new()
    {
        ContactId = Id == 0 ? null : Id,
        Name = Name,
        ExtNo = Extension,
        IdExtNo = SubscriberId,
        Favourite = Favourite,
        Private = Private,
        Type = Type,
        DefaultPhoneId = DefaultPhoneId,
        Phones = [.. Phones.Select(p => new BookPhone { PhoneId = p.Id, Number = p.Number, Comment = p.Label, CanSMS = p.CanSms, DefaultNo = p.IsDefault ? true : null })],
        GroupIds = [.. GroupIds],
        Info = Info,
        IM = IM,
    };
}

/// <summary>One number of a contact.</summary>
/// <param name="Number">The number as stored (as the user typed it).</param>
/// <param name="Label">The label (<c>Komórka</c>, <c>Dom</c>…).</param>
/// <param name="CanSms">Whether SMS can be sent to it.</param>
/// <param name="Id">The PBX's phone id; <see langword="null"/> for a new phone.</param>
/// <param name="IsDefault">Whether it is the contact's default number.</param>
public sealed record ContactPhone(string Number, string? Label = null, bool CanSms = false, int? Id = null, bool IsDefault = false);

/// <summary>A phone-book group.</summary>
/// <param name="Id">The PBX's group id.</param>
/// <param name="Name">The name.</param>
/// <param name="Favourite">Whether it is a favourites group.</param>
/// <param name="Private">Whether it is private to the user.</param>
/// <param name="Department">Whether it is a department.</param>
public sealed record ContactGroup(int Id, string Name, bool Favourite, bool Private, bool Department);

/// <summary>A reverse-lookup hit: the contact and which of its numbers matched.</summary>
/// <param name="Contact">The contact.</param>
/// <param name="Phone">The matching number, or <see langword="null"/> when the extension matched.</param>
public sealed record ContactMatch(Contact Contact, ContactPhone? Phone);

/// <summary>What changed in the phone book.</summary>
public enum PhoneBookChangeKind
{
    /// <summary>A contact appeared.</summary>
    ContactAdded,

    /// <summary>A contact changed.</summary>
    ContactUpdated,

    /// <summary>A contact was deleted.</summary>
    ContactRemoved,

    /// <summary>A group appeared or changed.</summary>
    GroupChanged,

    /// <summary>A group was deleted.</summary>
    GroupRemoved,

    /// <summary>The PBX told the client to drop everything (<c>DelAll</c>); the rows that follow rebuild it.</summary>
    Reset,
}

/// <summary>A phone-book change.</summary>
/// <param name="Kind">What changed.</param>
/// <param name="Contact">The contact (the new version; the old one for removals).</param>
/// <param name="Group">The group, for group changes.</param>
public sealed record PhoneBookChange(PhoneBookChangeKind Kind, Contact? Contact = null, ContactGroup? Group = null);

/// <summary>The outcome of a phone-book sync.</summary>
/// <param name="Rows">Rows applied.</param>
/// <param name="Reset">Whether the PBX sent <c>DelAll</c> (full rebuild).</param>
/// <param name="EpochChanged">Whether the PBX database epoch in the markers changed.</param>
/// <param name="Contacts">Contacts in the phone book afterwards.</param>
public sealed record PhoneBookSyncResult(int Rows, bool Reset, bool EpochChanged, int Contacts);

/// <summary>What the user may change in the phone book (<c>GetPermission_ANS</c>).</summary>
/// <param name="EditContacts">May add, change and delete contacts.</param>
/// <param name="EditGroups">May add, change and delete groups.</param>
public sealed record PhoneBookPermissions(bool EditContacts, bool EditGroups);
