namespace Slican.Cti.Doorphone.Media;

/// <summary>
/// The end-of-frame rule H.264 (RFC 6184) and H.265 (RFC 7798) share once their NAL units are in the buffer as
/// Annex-B: a fragmented unit that never got its end spoils the frame; nothing is delivered before the first key
/// frame; a key frame that lacks parameter sets gets the last known ones put in front, so every key frame decodes on
/// its own, or is held back (and the next key frame awaited) while any of them is still unknown.
/// </summary>
internal static class AnnexBAccessUnit
{
    /// <summary>The four-byte Annex-B start code written before every NAL unit.</summary>
    public static readonly byte[] StartCode = [0, 0, 0, 1];

    /// <summary>Applies the rule to <paramref name="buffer"/>; false when the frame must not be delivered.</summary>
    /// <param name="buffer">The frame's NAL units, each behind a start code.</param>
    /// <param name="statistics">Counts an unfinished fragment as a malformed payload.</param>
    /// <param name="fragmentActive">A fragmented NAL unit was started and not ended.</param>
    /// <param name="isKeyFrame">The frame holds an IDR (H.264) or IRAP (H.265) picture.</param>
    /// <param name="waitForKeyFrame">Set after a loss; cleared by the first deliverable key frame.</param>
    /// <param name="parameterSets">Each parameter set in decoding order: whether the frame carries it, and the last known copy (without start code).</param>
    public static bool TryComplete(FrameBuffer buffer, DepacketizerStatistics statistics, bool fragmentActive, bool isKeyFrame, ref bool waitForKeyFrame, ReadOnlySpan<(bool InFrame, byte[]? Known)> parameterSets)
    {
        if (fragmentActive)
        {
            Interlocked.Increment(ref statistics.PayloadsMalformedValue);
            return false;
        }

        if (waitForKeyFrame)
        {
            if (!isKeyFrame)
            {
                return false;
            }

            waitForKeyFrame = false;
        }

        if (!isKeyFrame)
        {
            return true;
        }

        bool complete = true;
        bool allKnown = true;
        foreach (var (inFrame, known) in parameterSets)
        {
            complete &= inFrame;
            allKnown &= known is not null;
        }

        if (complete)
        {
            return true;
        }

        if (!allKnown)
        {
            // A key frame without its parameter sets cannot be decoded; wait for one that has them.
            waitForKeyFrame = true;
            return false;
        }

        var frame = buffer.Written.ToArray();
        buffer.Reset();
        foreach (var (inFrame, known) in parameterSets)
        {
            if (!inFrame)
            {
                buffer.Append(StartCode);
                buffer.Append(known);
            }
        }

        buffer.Append(frame);
        return true;
    }
}
