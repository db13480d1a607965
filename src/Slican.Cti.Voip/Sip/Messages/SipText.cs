namespace Slican.Cti.Voip.Sip.Messages;

/// <summary>Small text helpers shared by the header parsers.</summary>
internal static class SipText
{
    /// <summary>Splits a comma-separated header value, ignoring commas inside quotes and angle brackets.</summary>
    public static List<string> SplitList(string value)
    {
        var parts = new List<string>(1);
        int start = 0;
        bool quoted = false;
        int angle = 0;
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (c == '\\' && quoted)
            {
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c == '<')
            {
                angle++;
            }
            else if (!quoted && c == '>' && angle > 0)
            {
                angle--;
            }
            else if (!quoted && angle == 0 && c == ',')
            {
                AddTrimmed(parts, value, start, i);
                start = i + 1;
            }
        }

        AddTrimmed(parts, value, start, value.Length);
        return parts;
    }

    private static void AddTrimmed(List<string> parts, string value, int start, int end)
    {
        var part = value.AsSpan(start, end - start).Trim();
        if (!part.IsEmpty)
        {
            parts.Add(part.ToString());
        }
    }

    /// <summary>Parses <c>;name=value;flag</c> parameters into an ordered list.</summary>
    public static List<KeyValuePair<string, string?>> ParseParameters(string text)
    {
        var list = new List<KeyValuePair<string, string?>>();
        foreach (var raw in SplitOutsideQuotes(text, ';'))
        {
            var p = raw.Trim();
            if (p.Length == 0)
            {
                continue;
            }

            int eq = p.IndexOf('=');
            list.Add(eq < 0
                ? new KeyValuePair<string, string?>(p, null)
                : new KeyValuePair<string, string?>(p[..eq].Trim(), p[(eq + 1)..].Trim()));
        }

        return list;
    }

    /// <summary>Splits on a separator that is not inside double quotes.</summary>
    public static List<string> SplitOutsideQuotes(string text, char separator)
    {
        var parts = new List<string>();
        bool quoted = false;
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && text[i] == separator)
            {
                parts.Add(text[start..i]);
                start = i + 1;
            }
        }

        parts.Add(text[start..]);
        return parts;
    }

    public static string FormatParameters(IEnumerable<KeyValuePair<string, string?>> parameters)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var p in parameters)
        {
            sb.Append(';').Append(p.Key);
            if (p.Value is not null)
            {
                sb.Append('=').Append(p.Value);
            }
        }

        return sb.ToString();
    }

    public static string? Get(List<KeyValuePair<string, string?>> parameters, string name)
    {
        foreach (var p in parameters)
        {
            if (string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return p.Value ?? string.Empty;
            }
        }

        return null;
    }

    public static void Set(List<KeyValuePair<string, string?>> parameters, string name, string? value)
    {
        int i = parameters.FindIndex(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase));
        var kv = new KeyValuePair<string, string?>(name, value);
        if (i < 0)
        {
            parameters.Add(kv);
        }
        else
        {
            parameters[i] = kv;
        }
    }

    public static string Unquote(string s) => s.Length >= 2 && s[0] == '"' && s[^1] == '"' ? s[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal) : s;

    public static bool IsTokenChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '!' or '%' or '*' or '_' or '+' or '`' or '\'' or '~';
}
