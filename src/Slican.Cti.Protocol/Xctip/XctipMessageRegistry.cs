using System.Text;
using Slican.Cti.Protocol.Text;
using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Protocol.Xctip;

/// <summary>Reads one typed message; the reader is positioned just inside the message element.</summary>
internal delegate XctipMessage XctipMessageReader(ref XctipElementReader reader);

/// <summary>
/// Reads one typed message in one pass over its fields with an <see cref="XctipFieldCursor"/> from
/// <paramref name="body"/> to <paramref name="trailer"/> (a flat frame of the plainest shape); returns
/// <see langword="null"/> when the frame must be decoded the general way instead.
/// </summary>
internal delegate XctipMessage? XctipFusedReader(ReadOnlySpan<byte> frame, int body, ReadOnlySpan<byte> trailer, CtiEncoding encoding);

/// <summary>Describes one typed message: where it travels, its CLR type and how to read it.</summary>
internal sealed class XctipMessageDescriptor(string module, string name, Type type, XctipMessageReader read, XctipFieldTable? fields = null, XctipFusedReader? fusedRead = null)
{
    public string Module { get; } = module;

    public string Name { get; } = name;

    public byte[] NameBytes { get; } = Encoding.ASCII.GetBytes(name);

    /// <summary>How a one-message frame of this message starts: <c>&lt;XCTIP&gt;&lt;Module&gt;&lt;Name&gt;</c>.</summary>
    public byte[] Header { get; } = Encoding.ASCII.GetBytes($"<XCTIP><{module}><{name}>");

    /// <summary>How a one-message frame of this message ends: <c>&lt;/Name&gt;&lt;/Module&gt;&lt;/XCTIP&gt;</c>.</summary>
    public byte[] Trailer { get; } = Encoding.ASCII.GetBytes($"</{name}></{module}></XCTIP>");

    public Type Type { get; } = type;

    public XctipMessageReader Read { get; } = read;

    /// <summary>The fields the reader switches on, which the flat-frame scan matches whole; <see langword="null"/> when the reader compares names.</summary>
    public XctipFieldTable? Fields { get; } = fields;

    /// <summary>
    /// The message's one-pass reader for the commonest frames (only the most frequent messages have one: presence);
    /// it needs <see cref="Fields"/>. The same frames through <see cref="Read"/> give the same message.
    /// </summary>
    public XctipFusedReader? FusedRead { get; } = fields is null ? null : fusedRead;
}

/// <summary>The typed messages the SDK knows, looked up by module and message name without allocating.</summary>
internal static class XctipMessageRegistry
{
    private static readonly (byte[] Module, string ModuleName, XctipMessageDescriptor[] Messages)[] s_modules = Build(
    [
        .. LogMessages.All,
        .. StreamMessages.All,
        .. StatusMessages.All,
        .. CallsMessages.All,
        .. CallControlMessages.All,
        .. ServicesMessages.All,
        .. CallCenterMessages.All,
        .. DoorMessages.All,
        .. ConferenceMessages.All,
        .. FileMessages.All,
        .. LocationMessages.All,
        .. SyncMessages.All,
        .. SmsMessages.All,
        .. GsmMessages.All,
    ]);

    private static readonly Dictionary<(string, string), XctipMessageDescriptor> s_byName =
        s_modules.SelectMany(m => m.Messages).ToDictionary(d => (d.Module, d.Name));

    private static readonly (byte[] Bytes, string Name)[] s_names = BuildNames();

    private static readonly XctipMessageDescriptor[] s_fused = [.. s_modules.SelectMany(m => m.Messages).Where(d => d.FusedRead is not null)];

    public static IEnumerable<XctipMessageDescriptor> All => s_byName.Values;

    /// <summary>
    /// The message with a one-pass reader whose frame header <paramref name="frame"/> starts with, or
    /// <see langword="null"/>: a handful of whole-header compares, before any name is scanned.
    /// </summary>
    public static XctipMessageDescriptor? FindFused(ReadOnlySpan<byte> frame)
    {
        foreach (var descriptor in s_fused)
        {
            if (frame.StartsWith(descriptor.Header))
            {
                return descriptor;
            }
        }

        return null;
    }

    /// <summary>Finds the module's interned name, or <see langword="null"/> for an unknown module.</summary>
    public static string? FindModule(ReadOnlySpan<byte> module)
    {
        foreach (var entry in s_modules)
        {
            if (module.SequenceEqual(entry.Module))
            {
                return entry.ModuleName;
            }
        }

        return null;
    }

    /// <summary>
    /// Finds the module's interned name and the message's descriptor in one pass (the flat-frame path); comparing
    /// lengths first leaves at most one full compare per list.
    /// </summary>
    public static XctipMessageDescriptor? Find(ReadOnlySpan<byte> module, ReadOnlySpan<byte> name, out string? moduleName)
    {
        foreach (var entry in s_modules)
        {
            if (entry.Module.Length == module.Length && module.SequenceEqual(entry.Module))
            {
                moduleName = entry.ModuleName;
                foreach (var descriptor in entry.Messages)
                {
                    if (descriptor.NameBytes.Length == name.Length && name.SequenceEqual(descriptor.NameBytes))
                    {
                        return descriptor;
                    }
                }

                return null;
            }
        }

        moduleName = null;
        return null;
    }

    public static XctipMessageDescriptor? Find(string? module, ReadOnlySpan<byte> name)
    {
        if (module is null)
        {
            return null;
        }

        foreach (var entry in s_modules)
        {
            if (ReferenceEquals(entry.ModuleName, module))
            {
                foreach (var descriptor in entry.Messages)
                {
                    if (name.SequenceEqual(descriptor.NameBytes))
                    {
                        return descriptor;
                    }
                }

                return null;
            }
        }

        return null;
    }

    public static XctipMessageDescriptor? Find(string module, string name) => s_byName.GetValueOrDefault((module, name));

    /// <summary>A known module, message or field name as a shared string, or <see langword="null"/>.</summary>
    public static string? FindName(ReadOnlySpan<byte> name)
    {
        foreach (var (bytes, text) in s_names)
        {
            if (name.SequenceEqual(bytes))
            {
                return text;
            }
        }

        return null;
    }

    private static (byte[], string, XctipMessageDescriptor[])[] Build(XctipMessageDescriptor[] all) =>
        [.. all.GroupBy(d => d.Module).Select(g => (Encoding.ASCII.GetBytes(g.Key), string.Intern(g.Key), g.ToArray()))];

    private static (byte[], string)[] BuildNames() =>
        [.. s_modules.Select(m => m.ModuleName).Concat(s_byName.Keys.Select(k => k.Item2)).Append("Answer").Distinct()
            .Select(n => (Encoding.ASCII.GetBytes(n), n))];
}
