namespace Slican.Cti.Doorphone.Media;

/// <summary>Decoding of the base64 parameter sets SDP carries (<c>sprop-parameter-sets</c>, <c>sprop-vps</c>...).</summary>
internal static class ParameterSets
{
    public static List<byte[]> DecodeBase64List(string? text)
    {
        var result = new List<byte[]>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return result;
        }

        foreach (var item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (result.Count >= 16 || item.Length > 4096)
            {
                break;
            }

            var buffer = new byte[((item.Length + 3) / 4) * 3];
            if (Convert.TryFromBase64String(Pad(item), buffer, out int written) && written > 0)
            {
                result.Add(buffer[..written]);
            }
        }

        return result;
    }

    private static string Pad(string item)
    {
        int rest = item.Length % 4;
        return rest == 0 ? item : item + new string('=', 4 - rest);
    }
}
