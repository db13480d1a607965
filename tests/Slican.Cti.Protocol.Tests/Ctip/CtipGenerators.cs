using FsCheck;
using FsCheck.Fluent;
using Slican.Cti.Protocol.Ctip;

namespace Slican.Cti.Protocol.Tests.Ctip;

/// <summary>Generators for every CTIP message type with arbitrary, wire-representable field values.</summary>
internal static class CtipGenerators
{
    private const string Polish = "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ";
    private const string TokenChars = "0123456789abcXYZ/+#*=.,:-" + Polish;

    public static Gen<string> Text(string alphabet, int min, int max) =>
        from n in Gen.Choose(min, max)
        from chars in Gen.ArrayOf(Gen.Elements(alphabet.ToCharArray()), n)
        select new string(chars);

    /// <summary>A field without spaces; may contain underscores, never the lone "none" underscore.</summary>
    public static Gen<string> Token { get; } = Text(TokenChars + "_", 1, 12).Where(t => t != "_");

    public static Gen<string> Extension { get; } = Gen.Choose(1, 999_999).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static Gen<string> Number { get; } =
        from prefix in Gen.Elements("", "/", "+48", "0", "00")
        from digits in Text("0123456789", 1, 14)
        select prefix + digits;

    public static Gen<string> GsmPort { get; } = Gen.Choose(1, 999).Select(i => "G" + i.ToString("000", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Comments with spaces and Polish letters; underscores would read back as spaces, and a lone space as none.</summary>
    public static Gen<string> Comment { get; } = Text("Jan Kowalski Sp.z o.o." + Polish, 1, 30).Where(c => c != " ");

    /// <summary>SMS text with escapes to exercise: backslashes, line breaks, spaces, Polish letters.</summary>
    public static Gen<string> SmsText { get; } = Text("ab \\\n\\n" + Polish + "0129.,!?", 0, 60);

    public static Gen<int> NonNegative { get; } = Gen.Choose(0, int.MaxValue);

    public static Gen<T?> OrNull<T>(Gen<T> gen)
        where T : class =>
        Gen.Frequency((1, Gen.Constant<T?>(null)), (3, gen.Select(x => (T?)x)));

    public static Gen<decimal> Amount { get; } =
        from units in Gen.Choose(0, int.MaxValue)
        from scale in Gen.Choose(0, 6)
        select new decimal(units, 0, 0, false, (byte)scale);

    public static Gen<DateTime> Timestamp { get; } =
        from year in Gen.Choose(1, 9999)
        from month in Gen.Choose(1, 12)
        from day in Gen.Choose(1, DateTime.DaysInMonth(year, month))
        from seconds in Gen.Choose(0, 86_399)
        select new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified).AddSeconds(seconds);

    public static Gen<CtipSmsPart> Part { get; } =
        from r in Gen.Choose(0, 255)
        from p in Gen.Choose(1, 255)
        from t in Gen.Choose(1, 255)
        select new CtipSmsPart(r, p, t);

    public static Gen<T> Enum<T>()
        where T : struct, System.Enum => Gen.Elements(System.Enum.GetValues<T>());

    public static Gen<CtipMessage> Message { get; } = Gen.OneOf(
        Gen.Constant<CtipMessage>(new CtipWho()),
        Gen.Constant<CtipMessage>(new CtipError()),
        Gen.Constant<CtipMessage>(CtipTestFrame.Instance),
        from e in Extension from k in OrNull(Text("0123456789_", 4, 4).Where(k => k != "____")) select (CtipMessage)new CtipLogin(e, k),
        from p in GsmPort from pin in Token from cp in OrNull(Gen.Elements("PBX", "UTF8", "WIN1250", "WIN1257")) select (CtipMessage)new CtipGsmLogin(p, pin, cp),
        from e in Gen.OneOf(Extension, GsmPort) select (CtipMessage)new CtipLogout(e),
        from k in OrNull(Token.Where(k => k != "____")) select (CtipMessage)new CtipLoginAll(k),
        Extension.Select(e => (CtipMessage)new CtipRequestState(e)),
        Extension.Select(e => (CtipMessage)new CtipPick(e)),
        Extension.Select(e => (CtipMessage)new CtipHang(e)),
        Extension.Select(e => (CtipMessage)new CtipMaliciousCall(e)),
        Extension.Select(e => (CtipMessage)new CtipDialReady(e)),
        Extension.Select(e => (CtipMessage)new CtipForwardDelete(e)),
        from e in Extension from d in Text("0123456789*#/", 1, 16) select (CtipMessage)new CtipDial(e, d),
        from e in Extension from t in OrNull(Extension) select (CtipMessage)new CtipReject(e, t),
        from e in Extension from w in Enum<CtipForwardCondition>() from s in Enum<CtipForwardScope>() from r in Gen.Choose(0, 9) from n in Number
        select (CtipMessage)new CtipForward(e, w, s, r, n),
        from e in Extension from enable in Gen.Elements(true, false) from a in Token from k in Token
        select (CtipMessage)(enable ? new CtipAccount(e, true, a, k) : new CtipAccount(e, false, null, null)),
        from e in Extension from enable in Gen.Elements(true, false) from k in Token
        select (CtipMessage)(enable ? new CtipLock(e, true, k) : new CtipLock(e, false, null)),
        from e in Extension from enable in Gen.Elements(true, false) select (CtipMessage)new CtipDnd(e, enable),
        from p in GsmPort from n in Number from mp in Gen.OneOf(Gen.Constant<CtipSmsPart?>(null), Part.Select(x => (CtipSmsPart?)x))
        from c in Gen.OneOf(Gen.Constant<CtipSmsCoding?>(null), Gen.Choose(0, 99).Select(x => (CtipSmsCoding?)x))
        from t in Enum<CtipSmsType>() from v in Gen.Choose(0, 255) from text in SmsText
        select (CtipMessage)new CtipSmsSend(p, n, mp, c, t, (byte)v, text),
        from p in GsmPort from i in NonNegative select (CtipMessage)new CtipSmsOk(p, i),
        from args in Gen.Choose(0, 6).SelectMany(n => Gen.ArrayOf(Gen.OneOf(Token, Gen.Constant(string.Empty)), n)) select (CtipMessage)new CtipOk(args),
        from code in Gen.OneOf(Gen.Constant<int?>(null), NonNegative.Select(x => (int?)x))
        select (CtipMessage)new CtipNotAccepted(code is null ? null : (CtipNaReason)code.Value),
        from e in Extension from h in Enum<CtipHookState>() from f in Gen.Choose(0, 127) select (CtipMessage)new CtipState(e, h, (CtipServices)f),
        from e in Extension from c in OrNull(Number) from p in Token from d in Number from h in OrNull(Number) from cm in OrNull(Comment)
        select (CtipMessage)new CtipRing(e, c, p, d, h, cm),
        from e in Extension from n in OrNull(Number) from cm in OrNull(Comment) select (CtipMessage)new CtipCallWaiting(e, n, cm),
        from e in Extension from n in OrNull(Number) from p in Token select (CtipMessage)new CtipConnected(e, n, p),
        from e in Extension from c in NonNegative select (CtipMessage)new CtipReleased(e, (CtipReleaseCause)c),
        from e in Extension from d in Number select (CtipMessage)new CtipEcho(e, d),
        from e in Extension from a in Amount select (CtipMessage)new CtipCharge(e, a),
        from e in Extension from t in Text(TokenChars + " _", 0, 40) select (CtipMessage)new CtipUserTag(e, t),
        from p in GsmPort from o in NonNegative select (CtipMessage)new CtipSmsAccepted(p, o),
        from p in GsmPort from o in NonNegative select (CtipMessage)new CtipSmsRejected(p, o),
        from p in GsmPort from m in NonNegative from o in NonNegative from n in OrNull(Number) select (CtipMessage)new CtipSmsDelivered(p, m, o, n),
        from p in GsmPort from m in NonNegative from o in NonNegative from c in NonNegative from n in OrNull(Number)
        select (CtipMessage)new CtipSmsDeliveryFailed(p, m, o, c, n),
        from p in GsmPort from m in NonNegative from s in Number from t in Enum<CtipSmsType>() from part in Part from ts in Timestamp from text in SmsText
        select (CtipMessage)new CtipSmsReceived(p, m, s, t, part, ts, text),
        from e in Extension from id in Token select (CtipMessage)new CtipRecordingStarted(e, id),
        from e in Extension from id in Token select (CtipMessage)new CtipRecordingCancelled(e, id),
        from e in Extension from id in Token from ip in Token from path in Text(TokenChars + " _", 1, 40)
        select (CtipMessage)new CtipRecordingEnded(e, id, ip, path),
        from c in Text("QXVWZ", 1, 8).Select(c => "X" + c) from args in Gen.Choose(0, 5).SelectMany(n => Gen.ArrayOf(Gen.OneOf(Token, Gen.Constant(string.Empty)), n))
        select (CtipMessage)new CtipUnknownMessage(c, args));
}
