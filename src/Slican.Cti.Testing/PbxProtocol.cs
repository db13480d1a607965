namespace Slican.Cti.Testing;

/// <summary>Which interface a session speaks.</summary>
public enum PbxProtocol
{
    /// <summary>XCTIP over plain TCP (5529).</summary>
    Xctip,

    /// <summary>XCTIP over TLS (5543).</summary>
    XctipTls,

    /// <summary>CTIP (5524).</summary>
    Ctip,
}
