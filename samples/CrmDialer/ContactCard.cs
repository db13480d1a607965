using Slican.Cti.Client;

namespace CrmDialer;

/// <summary>What the screen pop shows about a matched phone-book contact.</summary>
/// <param name="Name">The person (or the whole display name when it holds no company).</param>
/// <param name="Company">The company, when the display name has the <c>Person, Company</c> form.</param>
/// <param name="MatchedNumber">Which of the contact's numbers the caller's number matched, with its label.</param>
/// <param name="Groups">The phone-book groups the contact is in, comma separated.</param>
internal sealed record ContactCard(string Name, string? Company, string MatchedNumber, string Groups)
{
    /// <summary>
    /// Builds the card. The PBX phone book has a single name field; this office writes <c>Person, Company</c> into
    /// it, so the sample splits at the first comma. A CRM would look the number up in its own records instead.
    /// </summary>
    public static ContactCard From(ContactMatch match, PhoneBook book)
    {
        var contact = match.Contact;
        int comma = contact.Name.IndexOf(", ", StringComparison.Ordinal);
        string name = comma > 0 ? contact.Name[..comma] : contact.Name;
        string? company = comma > 0 ? contact.Name[(comma + 2)..] : null;

        // Phone is null when the number matched the contact's extension rather than one of its phones.
        string matched = match.Phone is { } phone
            ? $"{phone.Number}{(string.IsNullOrEmpty(phone.Label) ? string.Empty : $" ({phone.Label})")}"
            : $"extension {contact.Extension}";
        var groups = book.Groups.Where(g => contact.GroupIds.Contains(g.Id)).Select(g => g.Name);
        return new ContactCard(name, company, matched, string.Join(", ", groups));
    }
}
