using Slican.Cti.Protocol.Sync;
using Slican.Cti.Protocol.Xctip;
using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Testing.Tests;

public sealed class SyncTests
{
    internal static async Task<(SyncRecordsAnswer Records, XctipAnswer Answer)> SyncOnceAsync(XctipTestClient client, SyncType type, string marker, int limit)
    {
        int cid = client.NextCId();
        await client.SendAsync(new SyncRequest { CId = cid, Marker = marker, SyncType = type, Limit = limit });
        var records = await client.ReceiveAsync<SyncRecordsAnswer>(r => r.CId == cid);
        var answer = await client.ReceiveAsync<XctipAnswer>(a => a.CId == cid);
        return (records, answer);
    }

    /// <summary>Runs the verified sync loop until a batch has no data rows; returns all rows and the last marker.</summary>
    internal static async Task<(List<SyncRow> Rows, string Marker, int Batches)> SyncAllAsync(XctipTestClient client, SyncType type, string marker, int limit)
    {
        var rows = new List<SyncRow>();
        int batches = 0;
        while (true)
        {
            var (records, answer) = await SyncOnceAsync(client, type, marker, limit);
            Assert.True(answer.IsSuccess, answer.Error);
            batches++;
            Assert.Equal(RowType.RowEnd, records.Rows[^1].RowType);
            marker = records.Rows[^1].Marker!;
            Assert.True(SyncMarker.IsValid(marker), marker);
            var data = records.Rows.Where(r => r.RowType != RowType.RowEnd && r.RowType != RowType.DelAll).ToList();
            Assert.InRange(data.Count, 0, limit);
            rows.AddRange(records.Rows.Where(r => r.RowType != RowType.RowEnd));
            if (data.Count < limit)
            {
                return (rows, marker, batches);
            }
        }
    }

    [Fact]
    public async Task Full_book_sync_with_Limit_delivers_everything_once_with_valid_markers()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        await using var client = await XctipTestClient.LoginAsync(pbx, "201");

        var (rows, marker, batches) = await SyncAllAsync(client, SyncType.Book, "", 30);
        var delAll = rows[0];
        Assert.Equal(RowType.DelAll, delAll.RowType);
        Assert.Equal(SyncCause.EmptyMarker, Assert.Single(delAll.Causes));
        var contacts = rows.Where(r => r.Contact is not null).Select(r => r.Contact!).ToList();
        var groups = rows.Where(r => r.Group is not null).ToList();
        Assert.InRange(contacts.Count, 480, 520);
        Assert.Equal(contacts.Count, contacts.Select(c => c.ContactId).Distinct().Count());
        Assert.Equal(5, groups.Count);
        Assert.True(batches > contacts.Count / 30);
        Assert.All(rows, r => Assert.True(SyncMarker.IsValid(r.Marker), r.Marker));
        Assert.All(rows.Skip(1), r => Assert.Equal(RowType.AddRow, r.RowType));
        var m = SyncMarker.Parse(marker);
        Assert.Equal(1001, m.SubscriberId);
        Assert.Equal(pbx.World.Epoch, m.Epoch);

        var jan = contacts.Single(c => c.Name == "Jan Kowalski, Kowalski Sp. z o.o.");
        Assert.Contains(jan.Phones, p => p.Number == "0612345678");
        Assert.Contains(contacts, c => c.Name == "Zofia Wójcik" && c.Phones.Any(p => p.Number == "0600123456"));
        Assert.Contains(contacts, c => c.ExtNo == "201" && c.IdExtNo == 1001 && c.Type == "Subscriber");

        // Nothing new since the last marker: an empty batch with the same resume point.
        var (again, _) = await SyncOnceAsync(client, SyncType.Book, marker, 30);
        Assert.Equal(RowType.RowEnd, Assert.Single(again.Rows).RowType);
    }

    [Fact]
    public async Task Changes_after_a_marker_come_as_deltas_and_a_resume_from_any_row_works()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        await using var client = await XctipTestClient.LoginAsync(pbx, "201");
        var (rows, marker, _) = await SyncAllAsync(client, SyncType.Book, "", 200);

        int added = await pbx.Scenario.AddContactAsync("Nowy Klient", "+48 22 111 22 33");
        var jan = pbx.World.ToData().Contacts.Single(c => c.Name.StartsWith("Jan Kowalski", StringComparison.Ordinal));
        await pbx.Scenario.UpdateContactAsync(jan with { Info = "nowy adres" });
        await pbx.Scenario.DeleteContactAsync(5);

        var (delta, _, _) = await SyncAllAsync(client, SyncType.Book, marker, 10);
        Assert.Equal(3, delta.Count);
        Assert.Equal(RowType.AddRow, delta[0].RowType);
        Assert.Equal(added, delta[0].Contact!.ContactId);
        Assert.Equal(RowType.Update, delta[1].RowType);
        Assert.Equal("nowy adres", delta[1].Contact!.Info);
        Assert.Equal(RowType.DelRow, delta[2].RowType);
        Assert.Equal(5, delta[2].Contact!.ContactId);

        // Resume from the marker of the 100th row: exactly the rows after it come back (R2 resumes from any row).
        var (tail, _, _) = await SyncAllAsync(client, SyncType.Book, rows[100].Marker!, 1000);
        Assert.DoesNotContain(tail, r => r.RowType == RowType.DelAll);
        // Rows after index 100, plus the added contact and Jan (changed, so moved to the end); contact 5 comes as DelRow.
        Assert.Equal(rows.Count - 101 + 2, tail.Count(r => r.RowType != RowType.DelRow));
        Assert.Equal(5, Assert.Single(tail, r => r.RowType == RowType.DelRow).Contact!.ContactId);
    }

    [Theory]
    [InlineData("BF00000317000000016733A1C003E9D4")] // bad checksum
    [InlineData("not a marker")]
    [InlineData("BF00000000000000016733A1C003EAD2")] // other subscriber (03EA = 1002)
    public async Task Corrupt_or_foreign_markers_get_DelAll_WrongMarker_then_everything(string marker)
    {
        await using var pbx = await PbxEmulator.StartAsync();
        await using var client = await XctipTestClient.LoginAsync(pbx, "201");
        var (records, answer) = await SyncOnceAsync(client, SyncType.Book, marker, 1000);
        Assert.True(answer.IsSuccess);
        Assert.Equal(RowType.DelAll, records.Rows[0].RowType);
        Assert.Equal(SyncCause.WrongMarker, Assert.Single(records.Rows[0].Causes));
        Assert.InRange(records.Rows.Count(r => r.Contact is not null), 480, 520);
    }

    [Fact]
    public async Task A_new_epoch_makes_old_markers_wrong()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        string marker;
        await using (var client = await XctipTestClient.LoginAsync(pbx, "201"))
        {
            (_, marker, _) = await SyncAllAsync(client, SyncType.Book, "", 1000);
        }

        uint before = pbx.World.Epoch;
        await pbx.RestartAsync(newEpoch: true);
        Assert.NotEqual(before, pbx.World.Epoch);
        await using var again = await XctipTestClient.LoginAsync(pbx, "201");
        var (records, _) = await SyncOnceAsync(again, SyncType.Book, marker, 10);
        Assert.Equal(SyncCause.WrongMarker, records.Rows[0].Causes.Single());
        Assert.Equal(pbx.World.Epoch, SyncMarker.Parse(records.Rows[^1].Marker!).Epoch);
    }

    [Fact]
    public async Task A_restart_applies_the_new_epoch_before_any_session_is_dropped()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        await using var client = await XctipTestClient.LoginAsync(pbx, "201");
        var (_, marker, _) = await SyncAllAsync(client, SyncType.Book, "", 1000);
        uint before = pbx.World.Epoch;
        var epochsSeenAtDrop = new List<uint>();
        pbx.World.SessionRemoved = _ => epochsSeenAtDrop.Add(pbx.World.Epoch);

        var restart = pbx.RestartAsync(newEpoch: true);
        // The instant the client's session leaves, the world must already be the restarted one: a client that
        // reconnects then cannot resync against the old epoch.
        await restart.WaitAsync(XctipTestClient.Timeout);
        Assert.NotEmpty(epochsSeenAtDrop);
        Assert.All(epochsSeenAtDrop, e => Assert.NotEqual(before, e));

        await using var again = await XctipTestClient.LoginAsync(pbx, "201");
        var (records, _) = await SyncOnceAsync(again, SyncType.Book, marker, 10);
        Assert.Equal(RowType.DelAll, records.Rows[0].RowType);
        Assert.Equal(SyncCause.WrongMarker, records.Rows[0].Causes.Single());
    }

    [Fact]
    public async Task Too_many_changes_since_a_marker_give_Overflow()
    {
        var world = PbxWorldData.CreateDefault() with { SyncLogCapacity = 20 };
        await using var pbx = await PbxEmulator.StartAsync(new PbxEmulatorOptions { World = world });
        await using var client = await XctipTestClient.LoginAsync(pbx, "201");
        var (_, marker, _) = await SyncAllAsync(client, SyncType.Book, "", 1000);
        for (int i = 0; i < 25; i++)
        {
            await pbx.Scenario.AddContactAsync($"Klient {i}", $"0221000{i:000}");
        }

        var (rows, newMarker, _) = await SyncAllAsync(client, SyncType.Book, marker, 100);
        Assert.Equal(SyncCause.Overflow, rows[0].Causes.Single());
        Assert.Contains(rows, r => r.Contact?.Name == "Klient 24");

        // From the fresh marker, deltas work again.
        await pbx.Scenario.AddContactAsync("Klient ostatni", "0221999999");
        var (delta, _, _) = await SyncAllAsync(client, SyncType.Book, newMarker, 100);
        Assert.Equal("Klient ostatni", Assert.Single(delta).Contact!.Name);
    }

    [Fact]
    public async Task History_of_calls_is_written_when_calls_end_and_hinted_to_registered_sessions()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        await using var client = await XctipTestClient.LoginAsync(pbx, "202");
        var (initial, marker, _) = await SyncAllAsync(client, SyncType.HistoryCall, "", 50);
        Assert.Equal(12, initial.Count(r => r.HistoryCall is not null));
        Assert.All(initial.Skip(1), r => Assert.StartsWith("CH", r.Marker!, StringComparison.Ordinal));
        Assert.True((await client.RequestAsync(new SyncRegisterRequest { SyncType = SyncType.HistoryCall })).IsSuccess);

        int cr = await pbx.Scenario.IncomingCallAsync("0600123456", "202");
        await pbx.Scenario.HangUpAsync(cr); // abandoned: a missed call
        var hint = await client.ReceiveAsync<SyncChangeEvent>();
        Assert.Equal(SyncType.HistoryCall, hint.SyncType);
        Assert.Equal(1002, hint.Id);

        var (delta, _, _) = await SyncAllAsync(client, SyncType.HistoryCall, marker, 50);
        var row = Assert.Single(delta).HistoryCall!;
        Assert.Equal(HistoryCallType.MissedCall, row.HType);
        Assert.Equal("0600123456", row.CNumber);
        Assert.Equal("Zofia Wójcik", row.CName);
        Assert.True(row.Unread);
    }

    [Fact]
    public async Task AutoChange_pushes_rows_as_Records_EV()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        await using var client = await XctipTestClient.LoginAsync(pbx, "201");
        Assert.True((await client.RequestAsync(new SyncAutoChangeRequest { SyncType = SyncType.HistoryMsg })).IsSuccess);
        await pbx.Scenario.SendChatAsync("202", "201", "Hej");
        var pushed = await client.ReceiveAsync<SyncRecordsEvent>();
        var row = Assert.Single(pushed.Rows);
        Assert.Equal(RowType.AddRow, row.RowType);
        Assert.Equal("Hej", row.HistoryMsg!.Text);
        Assert.Equal("202", row.HistoryMsg.Number);
        Assert.True(SyncMarker.IsValid(row.Marker));
    }

    [Fact]
    public async Task SendChange_edits_the_book_for_privileged_users_only()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        await using var anna = await XctipTestClient.LoginAsync(pbx, "201");
        await using var piotr = await XctipTestClient.LoginAsync(pbx, "202");
        Assert.True((await piotr.RequestAsync(new SyncRegisterRequest { SyncType = SyncType.Book })).IsSuccess);
        var (_, marker, _) = await SyncAllAsync(piotr, SyncType.Book, "", 1000);

        var add = new SyncSendChangeRequest
        {
            Rows = [new SyncRow { RowType = RowType.AddRow, SyncType = SyncType.Book, Contact = new BookContact { Name = "Ołówek Sp. j.", Phones = [new BookPhone { Number = "61 555 00 11", Comment = "Biuro" }], GroupIds = [3] } }],
        };
        Assert.Equal(PbxErrors.NotPermitted, (await piotr.RequestAsync(add)).Error);
        Assert.True((await anna.RequestAsync(add)).IsSuccess);
        Assert.Equal(SyncType.Book, (await piotr.ReceiveAsync<SyncChangeEvent>()).SyncType);

        var (delta, _, _) = await SyncAllAsync(piotr, SyncType.Book, marker, 100);
        var contact = Assert.Single(delta).Contact!;
        Assert.Equal("Ołówek Sp. j.", contact.Name);
        Assert.NotNull(contact.ContactId);
        Assert.NotNull(contact.Phones[0].PhoneId);

        var perm = await anna.RequestAsync(new SyncSendChangeRequest { Rows = [new SyncRow { RowType = RowType.DelRow, Contact = new BookContact { ContactId = 999_999 } }] });
        Assert.Equal(PbxErrors.MalformedMessage, perm.Error);
    }
}

public sealed class SyncWipeTests
{
    [Fact]
    public async Task An_administrators_wipe_gives_DelAll_Event_and_an_empty_history()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        await using var client = await XctipTestClient.LoginAsync(pbx, "202");
        var (_, marker, _) = await SyncTests.SyncAllAsync(client, SyncType.HistoryMsg, "", 100);
        Assert.True((await client.RequestAsync(new SyncRegisterRequest { SyncType = SyncType.HistoryMsg })).IsSuccess);
        await pbx.Scenario.WipeHistoryAsync("202", SyncType.HistoryMsg);
        Assert.Equal(SyncType.HistoryMsg, (await client.ReceiveAsync<SyncChangeEvent>()).SyncType);
        var (rows, _, _) = await SyncTests.SyncAllAsync(client, SyncType.HistoryMsg, marker, 100);
        Assert.Equal(SyncCause.Event, Assert.Single(rows).Causes.Single());
    }
}

public sealed class HistoryReadMarkTests
{
    private static SyncSendChangeRequest MarkCall(int hid, bool unread = false) => new()
    {
        Rows = [new SyncRow { RowType = RowType.Update, SyncType = SyncType.HistoryCall, HistoryCall = new HistoryCallRecord { HId = hid, Unread = unread } }],
    };

    [Fact]
    public async Task Marking_an_own_missed_call_read_moves_it_into_the_delta_with_Unread_0()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        await using var client = await XctipTestClient.LoginAsync(pbx, "201");
        var (rows, marker, _) = await SyncTests.SyncAllAsync(client, SyncType.HistoryCall, "", 100);
        var missed = rows.Select(r => r.HistoryCall).OfType<HistoryCallRecord>().Where(h => h.HType == HistoryCallType.MissedCall && h.Unread == true).ToList();
        Assert.NotEmpty(missed);
        int hid = missed[0].HId!.Value;

        var answer = await client.RequestAsync(MarkCall(hid));
        Assert.True(answer.IsSuccess, answer.Error);

        var (delta, newMarker, _) = await SyncTests.SyncAllAsync(client, SyncType.HistoryCall, marker, 100);
        var row = Assert.Single(delta);
        Assert.Equal(RowType.Update, row.RowType);
        Assert.Equal(hid, row.HistoryCall!.HId);
        Assert.False(row.HistoryCall.Unread);
        Assert.Equal(HistoryCallType.MissedCall, row.HistoryCall.HType);
        Assert.False(pbx.World.ToData().CallHistory.Single(h => h.HId == hid).Unread);

        // Marking it read again changes nothing, so nothing new comes back.
        Assert.True((await client.RequestAsync(MarkCall(hid))).IsSuccess);
        var (again, _, _) = await SyncTests.SyncAllAsync(client, SyncType.HistoryCall, newMarker, 100);
        Assert.Empty(again);
    }

    [Fact]
    public async Task Marks_on_someone_elses_record_or_other_fields_are_not_permitted_and_change_nothing()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        await using var client = await XctipTestClient.LoginAsync(pbx, "201");
        var data = pbx.World.ToData();
        int foreign = data.CallHistory.First(h => h.Owner == "202" && h.Unread).HId;
        int own = data.CallHistory.First(h => h.Owner == "201" && h.Unread).HId;

        Assert.Equal(PbxErrors.NotPermitted, (await client.RequestAsync(MarkCall(foreign))).Error);
        Assert.Equal(PbxErrors.NotPermitted, (await client.RequestAsync(MarkCall(999_999))).Error);
        var rename = new SyncSendChangeRequest
        {
            Rows = [new SyncRow { RowType = RowType.Update, SyncType = SyncType.HistoryCall, HistoryCall = new HistoryCallRecord { HId = own, Unread = false, CName = "ktoś inny" } }],
        };
        Assert.Equal(PbxErrors.NotPermitted, (await client.RequestAsync(rename)).Error);
        var delete = new SyncSendChangeRequest
        {
            Rows = [new SyncRow { RowType = RowType.DelRow, SyncType = SyncType.HistoryCall, HistoryCall = new HistoryCallRecord { HId = own } }],
        };
        Assert.Equal(PbxErrors.NotPermitted, (await client.RequestAsync(delete)).Error);
        // One bad row rejects the whole request.
        var mixed = new SyncSendChangeRequest { Rows = [.. MarkCall(own).Rows, .. MarkCall(foreign).Rows] };
        Assert.Equal(PbxErrors.NotPermitted, (await client.RequestAsync(mixed)).Error);
        var noFlag = new SyncSendChangeRequest
        {
            Rows = [new SyncRow { RowType = RowType.Update, SyncType = SyncType.HistoryCall, HistoryCall = new HistoryCallRecord { HId = own } }],
        };
        Assert.Equal(PbxErrors.MalformedMessage, (await client.RequestAsync(noFlag)).Error);

        var after = pbx.World.ToData().CallHistory;
        Assert.True(after.Single(h => h.HId == own).Unread);
        Assert.True(after.Single(h => h.HId == foreign).Unread);
    }

    [Fact]
    public async Task A_read_mark_is_pushed_to_the_owners_other_registered_session()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        await using var desk = await XctipTestClient.LoginAsync(pbx, "201");
        await using var laptop = await XctipTestClient.LoginAsync(pbx, "201");
        await using var other = await XctipTestClient.LoginAsync(pbx, "202");
        Assert.True((await laptop.RequestAsync(new SyncRegisterRequest { SyncType = SyncType.HistoryCall })).IsSuccess);
        Assert.True((await other.RequestAsync(new SyncRegisterRequest { SyncType = SyncType.HistoryCall })).IsSuccess);
        int own = pbx.World.ToData().CallHistory.First(h => h.Owner == "201" && h.Unread).HId;

        Assert.True((await desk.RequestAsync(MarkCall(own))).IsSuccess);
        Assert.Equal(SyncType.HistoryCall, (await laptop.ReceiveAsync<SyncChangeEvent>()).SyncType);
        Assert.DoesNotContain(other.Received, m => m is SyncChangeEvent);
    }

    [Fact]
    public async Task An_own_message_can_be_marked_read_and_comes_back_with_Unread_0()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        await pbx.Scenario.SendChatAsync("202", "201", "Oddzwoń proszę");
        var unread = pbx.World.ToData().MessageHistory.Single(m => m.Owner == "201" && m.Unread && m.Text == "Oddzwoń proszę");
        await using var client = await XctipTestClient.LoginAsync(pbx, unread.Owner);
        var (_, marker, _) = await SyncTests.SyncAllAsync(client, SyncType.HistoryMsg, "", 100);

        var mark = new SyncSendChangeRequest
        {
            Rows = [new SyncRow { RowType = RowType.Update, SyncType = SyncType.HistoryMsg, HistoryMsg = new HistoryMsgRecord { MId = unread.MId, Unread = false } }],
        };
        var answer = await client.RequestAsync(mark);
        Assert.True(answer.IsSuccess, answer.Error);
        var (delta, _, _) = await SyncTests.SyncAllAsync(client, SyncType.HistoryMsg, marker, 100);
        var row = Assert.Single(delta).HistoryMsg!;
        Assert.Equal(unread.MId, row.MId);
        Assert.False(row.Unread);
        Assert.NotNull(row.ReadDate);
        Assert.Equal(unread.Text, row.Text);
    }
}
