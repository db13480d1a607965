using Slican.Cti.Protocol.Sync;

namespace Slican.Cti.Protocol.Tests;

public class SyncMarkerTests
{
    [Theory]
    [InlineData("BF00000317000000016733A1C003E9D3")]
    [InlineData("CH000002CF00000C4E6733A1C003E985")]
    [InlineData("CE000002D100000C4F6733A1C003E99B")]
    [InlineData("MH00000010000000376733A1C003E9C7")]
    public void Fixture_markers_are_valid_and_expose_their_parts(string text)
    {
        var marker = SyncMarker.Parse(text);
        Assert.Equal(text, marker.Value);
        Assert.Equal(1001, marker.SubscriberId);
        Assert.Equal(0x6733A1C0u, marker.Epoch);
    }

    [Fact]
    public void The_call_history_marker_carries_the_record_id()
    {
        var marker = SyncMarker.Parse("CH000002CF00000C4E6733A1C003E985");
        Assert.Equal(("CH", 0x2CFu, 3150u), (marker.Prefix, marker.Sequence, marker.RecordId));
    }

    [Theory]
    [InlineData("CH000002CF00000C4E6733A1C003E986")] // checksum off by one
    [InlineData("CH000002CF00000C4E6733A1C003E9")]   // too short
    [InlineData("ch000002CF00000C4E6733A1C003E985")] // lower-case prefix
    [InlineData("CH00000ZCF00000C4E6733A1C003E985")] // not hex
    [InlineData("")]
    public void Corrupt_markers_are_rejected(string text)
    {
        Assert.False(SyncMarker.IsValid(text));
        Assert.Throws<FormatException>(() => SyncMarker.Parse(text));
    }

    [FsCheck.Xunit.Property(MaxTest = 200)]
    public bool Created_markers_validate_and_round_trip(uint sequence, uint record, uint epoch, ushort subscriber)
    {
        var marker = SyncMarker.Create("BG", sequence, record, epoch, subscriber);
        var parsed = SyncMarker.Parse(marker.Value);
        return parsed == marker && parsed.Sequence == sequence && parsed.RecordId == record && parsed.Epoch == epoch && parsed.SubscriberId == subscriber;
    }
}
