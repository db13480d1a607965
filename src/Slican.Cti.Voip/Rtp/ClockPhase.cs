namespace Slican.Cti.Voip.Rtp;

/// <summary>The three steps of a shared media clock tick, in order.</summary>
internal enum ClockPhase
{
    /// <summary>Before the deadline: read, encode, packetise.</summary>
    Prepare,

    /// <summary>At the deadline: send.</summary>
    Send,

    /// <summary>After every call has sent: play out.</summary>
    PlayOut,
}
