namespace Slican.Cti.Shared.Auth;

/// <summary>
/// The parameter list of a <c>WWW-Authenticate</c> or <c>Proxy-Authenticate</c> challenge (RFC 7235 §2.1):
/// comma-separated <c>name=token</c> or <c>name="quoted string"</c>. Shared by SIP (Slican.Cti.Voip) and RTSP
/// (Slican.Cti.Doorphone), which authenticate the same way; compiled into both as an internal type.
/// </summary>
internal static class AuthParameters
{
    /// <summary>Most parameters kept from one challenge; a hostile header cannot make the dictionary grow further.</summary>
    public const int MaxParameters = 32;

    /// <summary>
    /// Parses <paramref name="text"/> (the part after the scheme). Names are case-insensitive; a bare token (a
    /// token68 of another scheme) is skipped; an unterminated quoted string ends at the end of the text. Never throws.
    /// </summary>
    public static Dictionary<string, string> Parse(ReadOnlySpan<char> text)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        int i = 0;
        while (i < text.Length && result.Count < MaxParameters)
        {
            while (i < text.Length && (text[i] == ',' || char.IsWhiteSpace(text[i])))
            {
                i++;
            }

            int nameStart = i;
            while (i < text.Length && text[i] != '=' && text[i] != ',')
            {
                i++;
            }

            string name = text[nameStart..i].Trim().ToString();
            if (i >= text.Length || text[i] != '=')
            {
                continue;
            }

            i++;
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            string value;
            if (i < text.Length && text[i] == '"')
            {
                var builder = new System.Text.StringBuilder();
                i++;
                while (i < text.Length && text[i] != '"')
                {
                    if (text[i] == '\\' && i + 1 < text.Length)
                    {
                        i++; // quoted-pair: the next character is taken literally
                    }

                    builder.Append(text[i++]);
                }

                i++;
                value = builder.ToString();
            }
            else
            {
                int valueStart = i;
                while (i < text.Length && text[i] != ',')
                {
                    i++;
                }

                value = text[valueStart..i].Trim().ToString();
            }

            if (name.Length > 0)
            {
                result[name] = value;
            }
        }

        return result;
    }
}
