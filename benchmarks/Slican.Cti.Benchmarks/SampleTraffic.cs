using System.Text;
using Slican.Cti.Protocol.Xctip;
using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Benchmarks;

/// <summary>A realistic mixed XCTIP stream as a PBX sends it: presence, call events, phone-book rows and chat.</summary>
internal static class SampleTraffic
{
    public const string StatusChange =
        "<XCTIP><Status><Change_EV><Id>1002</Id><State>FREE</State><DndStat>Off</DndStat><AppState>BRB</AppState>" +
        "<AppInfo>Back at 14:00, call my mobile</AppInfo><AppInfoTime>2026-11-20 09:00:01</AppInfoTime></Change_EV></Status></XCTIP>";

    public static readonly string[] Frames =
    [
        StatusChange,
        "<XCTIP><Status><Refresh_EV><Id>1001</Id><State>FREE</State><DndStat>Off</DndStat><AppState>AVAILABLE</AppState><AppInfo>W pracy</AppInfo><AppInfoTime>2026-11-20 08:15:00</AppInfoTime><CustomState>0</CustomState><Camera>0</Camera></Refresh_EV></Status></XCTIP>",
        "<XCTIP><Calls><Change_EV><Src_Id>1001</Src_Id><Dst_Id>1001</Dst_Id><CallsState>NewCall_ST</CallsState><CR>4118</CR><Calling><Number>0712345678</Number><AreaCode>GSM</AreaCode></Calling><Called><Number>201</Number><Comment>Abonent 201</Comment><TerminalType>SuboIP</TerminalType></Called></Change_EV></Calls></XCTIP>",
        "<XCTIP><Sync><Records_ANS><CId>12</CId><Id>1001</Id><Row><Marker>BC00000317000000076733A1C003E9D0</Marker><RowType>AddRow</RowType><SyncType>Book</SyncType><Contact><ContactId>7</ContactId><Name>Anna Nowak</Name><ExtNo>122</ExtNo><IdExtNo>1022</IdExtNo><Favourite>1</Favourite><Private>0</Private><Type>Subscriber</Type><DefaultPhoneId>71</DefaultPhoneId><Phone><PhoneId>71</PhoneId><Number>122</Number><Comment>Desk</Comment></Phone><Phone><PhoneId>72</PhoneId><Number>600123456</Number><Comment>Mobile</Comment><CanSMS>1</CanSMS></Phone><GroupId>1</GroupId><Info>Building B</Info></Contact></Row></Records_ANS></Sync></XCTIP>",
        "<XCTIP><SMS><Receive_EV><RecvTime>2026-11-20 10:01:00</RecvTime><Number>122</Number><Type>Internal</Type><Text>Lunch at 12? &lt;yes/no&gt; &amp; bring the keys</Text><UserData>k1</UserData></Receive_EV></SMS></XCTIP>",
        "<XCTIP><Status><Change_EV><Id>1050</Id><Door>Open</Door></Change_EV></Status></XCTIP>",
        "<XCTIP><Stream><WDOk></WDOk></Stream></XCTIP>",
    ];

    /// <summary>The frames repeated to about 64 KiB, the size of one socket read burst.</summary>
    public static byte[] MixedStream()
    {
        var sb = new StringBuilder();
        while (sb.Length < 64 * 1024)
        {
            foreach (var frame in Frames)
            {
                sb.Append(frame);
            }
        }

        return Encoding.ASCII.GetBytes(sb.ToString());
    }

    public static int FrameCount(byte[] stream) => Encoding.ASCII.GetString(stream).Split("</XCTIP>").Length - 1;

    public static StatusChangeEvent TypedStatusChange { get; } = (StatusChangeEvent)XctipCodec.Decode(Encoding.ASCII.GetBytes(StatusChange))[0];
}
