using Slican.Cti.Protocol.Sync;
using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Client;

/// <summary>
/// The verified sync loop (protocol.md 3.5, 4.5): <c>Sync_REQ</c> from the stored marker, apply the rows in order,
/// keep the last row's marker, repeat until a batch brings no data rows (a PBX may cap the batch size).
/// </summary>
internal static class SyncLoop
{
    public static async Task<SyncLoopResult> RunAsync(CtiConnection connection, SyncType type, string? storedMarker, int limit, Action<SyncRow> apply, CancellationToken cancellationToken)
    {
        // An invalid stored marker would only earn a DelAll+WrongMarker; ask for everything instead.
        string current = SyncMarker.IsValid(storedMarker) ? storedMarker! : string.Empty;
        string? last = null;
        int rows = 0;
        bool reset = false;
        while (true)
        {
            var answer = await connection.RequestAsync<SyncRecordsAnswer>(
                new SyncRequest { Marker = current, SyncType = type, Limit = limit }, cancellationToken).ConfigureAwait(false);
            int data = 0;
            string? batchMarker = null;
            foreach (var row in answer.Rows)
            {
                if (row.RowType == RowType.DelAll) reset = true;
                if (row.RowType != RowType.RowEnd)
                {
                    data++;
                    apply(row);
                }

                if (!string.IsNullOrEmpty(row.Marker)) batchMarker = row.Marker;
            }

            rows += data;
            if (batchMarker is not null) last = batchMarker;
            // protocol.md 3.5.1: repeat until a batch comes back with no data rows. "Fewer rows than the limit" is not
            // a safe end signal: a PBX may cap the batch below the requested limit.
            if (data == 0 || batchMarker is null || batchMarker == current) break;
            current = batchMarker;
        }

        bool epochChanged = SyncMarker.TryParse(storedMarker, out var before) && SyncMarker.TryParse(last, out var after) && before.Epoch != after.Epoch;
        return new SyncLoopResult(rows, reset, last ?? storedMarker, epochChanged);
    }
}

internal readonly record struct SyncLoopResult(int Rows, bool Reset, string? Marker, bool EpochChanged);
