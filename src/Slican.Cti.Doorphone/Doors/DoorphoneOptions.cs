namespace Slican.Cti.Doorphone.Doors;

/// <summary>Settings of <see cref="DoorphoneDirectory"/>.</summary>
public sealed record DoorphoneOptions
{
    /// <summary>How long <see cref="DoorphoneDirectory.OpenDoorAsync"/> waits for the door contact to report <c>Open</c>. Default 5 s.</summary>
    public TimeSpan OpenConfirmationTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The DTMF code that opens the door during a call (configured on the DPH.IP, often <c>#</c>, <c>*1</c> or a PIN); null (default) = no DTMF fallback. Treated as a secret: never logged.</summary>
    public string? DtmfOpenCode { get; init; }

    /// <summary>Use DTMF first instead of as a fallback (for PBXes without the CTI door request). Default false.</summary>
    public bool PreferDtmf { get; init; }

    /// <summary>Clock for the confirmation timeout.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Never prints the DTMF code.</summary>
    public override string ToString() => $"DoorphoneOptions {{ OpenConfirmationTimeout = {OpenConfirmationTimeout}, DtmfOpenCode = {(DtmfOpenCode is null ? "none" : "***")}, PreferDtmf = {PreferDtmf} }}";
}
