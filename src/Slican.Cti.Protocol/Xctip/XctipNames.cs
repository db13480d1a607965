using Slican.Cti.Protocol.Text;

namespace Slican.Cti.Protocol.Xctip;

/// <summary>Turns element names into strings, reusing the instances of names the SDK knows.</summary>
internal static class XctipNames
{
    public static string GetString(ReadOnlySpan<byte> name, CtiEncoding encoding)
    {
        var known = XctipMessageRegistry.FindName(name);
        return known ?? encoding.GetString(name);
    }
}
