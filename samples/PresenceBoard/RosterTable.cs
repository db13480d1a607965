using Slican.Cti.Client;
using Slican.Cti.Protocol.Xctip.Messages;
using Spectre.Console;

namespace PresenceBoard;

/// <summary>
/// Draws the roster as a table: extension, name, phone line (free, ringing, on a call, DND…), MessengerCTI status
/// (available, busy, away, offline) and the description the user typed. Every value from the PBX is escaped: a
/// name or description may contain <c>[</c>, which Spectre.Console would otherwise read as markup.
/// </summary>
internal static class RosterTable
{
    /// <summary>Builds the table for one frame; <paramref name="caption"/> (markup) says what changed last.</summary>
    public static Table Build(IReadOnlyList<SubscriberPresence> roster, string caption)
    {
        var table = new Table()
            .Border(TableBorder.Rounded)
            .Title("Slican PBX roster")
            .Caption(caption)
            .AddColumn("Ext")
            .AddColumn("Name")
            .AddColumn("Phone")
            .AddColumn("Status")
            .AddColumn("Description");
        foreach (var person in roster)
        {
            table.AddRow(
                Markup.Escape(person.Extension ?? "#" + person.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                Markup.Escape(person.Name ?? string.Empty),
                PhoneCell(person),
                StatusCell(person),
                Markup.Escape(person.Description ?? string.Empty));
        }

        return table;
    }

    /// <summary>What the line is doing, in the colour a receptionist reads at a glance; DND is added to it.</summary>
    public static string PhoneCell(SubscriberPresence person)
    {
        string line = person.PhoneState switch
        {
            null => "[grey]?[/]",
            { } s when s == PhoneState.Ringing => "[yellow]ringing[/]",
            { } s when s == PhoneState.Busy || s == PhoneState.OffHook => "[red]on a call[/]",
            { } s when s == PhoneState.OutOfOrder => "[grey]out of order[/]",
            { } s when s == PhoneState.Free => "[green]free[/]",
            { } s => Markup.Escape(s.Value.ToLowerInvariant()), // a state this SDK version does not know yet
        };
        return person.Dnd ? line + " [magenta]DND[/]" : line;
    }

    /// <summary>The status the user chose in MessengerCTI; no status means no CTI application is logged in.</summary>
    public static string StatusCell(SubscriberPresence person) => person.AppState switch
    {
        null => "[grey]offline[/]",
        { } s when s == AppState.Available => "[green]available[/]",
        { } s when s == AppState.Busy => "[red]busy[/]",
        { } s when s == AppState.Brb => "[yellow]away[/]",
        { } s when s == AppState.Unavailable => "[grey]offline[/]",
        { } s => Markup.Escape(s.Value.ToLowerInvariant()),
    };

    /// <summary>One line about a change, for the caption.</summary>
    public static string Describe(PresenceChange change)
    {
        var now = change.Current;
        string who = Markup.Escape($"{now.Extension} {now.Name}".Trim());
        string what = $"{PhoneCell(now)}, {StatusCell(now)}";
        return string.IsNullOrEmpty(now.Description) ? $"{who}: {what}" : $"{who}: {what} \"{Markup.Escape(now.Description)}\"";
    }
}
