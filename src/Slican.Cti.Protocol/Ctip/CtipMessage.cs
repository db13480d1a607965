using System.Text;

namespace Slican.Cti.Protocol.Ctip;

/// <summary>
/// One CTIP line, in either direction. Each command and message of the spec has a sealed record; anything else
/// is a <see cref="CtipUnknownMessage"/> so it can be passed on unchanged.
/// </summary>
/// <remarks>
/// Models hold values, not wire text: extensions without their <c>_</c> padding, a lone <c>_</c> as
/// <see langword="null"/>, comments with spaces, SMS texts with real line breaks. <see cref="CtipCodec"/> converts.
/// </remarks>
public abstract record CtipMessage
{
    /// <summary>Allows only the codec's own message types, so the writer can handle every one.</summary>
    private protected CtipMessage()
    {
    }

    /// <summary>The command word as sent on the wire after the <c>a</c> marker, e.g. <c>RING</c>; <c>t</c> for a test frame.</summary>
    public abstract string Command { get; }
}

/// <summary>The PBX's <c>t</c> keep-alive test frame (sent without the <c>a</c> marker); applications ignore it.</summary>
public sealed record CtipTestFrame : CtipMessage
{
    /// <summary>The one instance; the frame carries no data, so parsing never allocates one.</summary>
    public static CtipTestFrame Instance { get; } = new();

    /// <inheritdoc />
    public override string Command => "t";
}

/// <summary>
/// A line whose command the codec does not know, or (with <see cref="CtipReaderOptions.UnparseableAsUnknown"/>)
/// a known command whose fields did not parse. Writing it reproduces the same tokens, so a newer PBX never breaks a client.
/// </summary>
public sealed record CtipUnknownMessage : CtipMessage
{
    /// <summary>Creates the message from its command word and its space-separated argument tokens.</summary>
    public CtipUnknownMessage(string command, IReadOnlyList<string> arguments)
    {
        Command = command ?? throw new ArgumentNullException(nameof(command));
        Arguments = arguments ?? throw new ArgumentNullException(nameof(arguments));
    }

    /// <inheritdoc />
    public override string Command { get; }

    /// <summary>The argument tokens exactly as received (decoded text, no padding removed).</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>Compares by command and token sequence, since lists compare by reference.</summary>
    public bool Equals(CtipUnknownMessage? other) =>
        other is not null && Command == other.Command && Arguments.SequenceEqual(other.Arguments);

    /// <inheritdoc />
    public override int GetHashCode() => CtipArguments.Hash(Command, Arguments);

    /// <summary>Prints the tokens instead of the list type name.</summary>
    protected override bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Command = ").Append(Command).Append(", Arguments = [");
        builder.AppendJoin(", ", Arguments).Append(']');
        return true;
    }
}

/// <summary>Sequence hashing shared by the records that hold token lists.</summary>
internal static class CtipArguments
{
    public static int Hash(string command, IReadOnlyList<string> arguments)
    {
        var hash = new HashCode();
        hash.Add(command);
        foreach (string a in arguments)
        {
            hash.Add(a);
        }

        return hash.ToHashCode();
    }
}
