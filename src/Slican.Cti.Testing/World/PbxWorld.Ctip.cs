using System.Globalization;
using Slican.Cti.Protocol.Ctip;
using Slican.Cti.Protocol.Xctip.Messages;
using Slican.Cti.Testing.Calls;
using Slican.Cti.Testing.Ctip;
using Slican.Cti.Testing.Sessions;

namespace Slican.Cti.Testing;

public sealed partial class PbxWorld
{
    private const int CtipProtocolVersion = 15;

    private static void Answer(CtipSession session, CtipMessage message) => session.Enqueue(OutboundItem.ForCtip(message, isReply: true));

    private static void Ok(CtipSession session, params string[] arguments) => Answer(session, new CtipOk(arguments));

    private static void Na(CtipSession session, CtipNaReason reason) => Answer(session, new CtipNotAccepted(reason));

    private string ShortFirmware => string.Join('.', _initial.Firmware.Split('.').Take(2));

    internal void HandleCtip(CtipSession session, CtipMessage message)
    {
        lock (_gate)
        {
            switch (message)
            {
                case CtipTestFrame:
                    return;
                case CtipWho:
                    var now = _context.TimeProvider.GetLocalNow();
                    char separator = now.Month is >= 4 and <= 10 ? '\'' : ',';
                    Ok(session, _initial.Model, _initial.SerialNumber, $"v{_initial.Firmware}/{CtipProtocolVersion}", now.ToString("yyyy.MM.dd", CultureInfo.InvariantCulture), now.ToString("HH:mm", CultureInfo.InvariantCulture) + separator + now.ToString("ss", CultureInfo.InvariantCulture));
                    return;
                case CtipLogin login:
                    CtipLogin(session, login);
                    return;
                case CtipLoginAll all:
                    if (session.HasExtensionLogin)
                    {
                        Answer(session, new CtipError());
                    }
                    else if (_initial.CtipLoginAllKey is { } key && !string.Equals(key, all.Key, StringComparison.Ordinal))
                    {
                        Na(session, all.Key is null ? CtipNaReason.NoKey : CtipNaReason.WrongKey);
                    }
                    else
                    {
                        session.LoginAll = true;
                        Ok(session, _initial.PbxType, ShortFirmware, CtipProtocolVersion.ToString(CultureInfo.InvariantCulture));
                        session.Enqueue(OutboundItem.ForCtip(CtipTestFrame.Instance));
                    }

                    return;
                case CtipGsmLogin gsm:
                    if (!CheckGsmLogin(gsm.Port, gsm.Pin))
                    {
                        Na(session, gsm.Port == GsmPort ? CtipNaReason.WrongKey : CtipNaReason.NoSuchNumber);
                    }
                    else if (!gsm.TryGetEncoding(out _))
                    {
                        Answer(session, new CtipError());
                    }
                    else
                    {
                        session.GsmPorts.Add(gsm.Port);
                        Ok(session, _initial.PbxType, ShortFirmware, CtipProtocolVersion.ToString(CultureInfo.InvariantCulture), GsmMsisdn);
                        ReplayGsm(session);
                    }

                    return;
                case CtipLogout logout:
                    if (session.GsmPorts.Remove(logout.Extension))
                    {
                        Ok(session);
                    }
                    else if (session.User is { } u && u.Extension == logout.Extension)
                    {
                        session.User = null;
                        Ok(session);
                    }
                    else
                    {
                        Na(session, CtipNaReason.NotLoggedIn);
                    }

                    return;
                case CtipSmsSend sms:
                    if (!session.GsmPorts.Contains(sms.Port))
                    {
                        Na(session, CtipNaReason.NotLoggedIn);
                    }
                    else if (SmsTooLong(sms.Text, sms.Multipart is not null, sms.Coding == CtipSmsCoding.Ucs2 ? "UCS2" : null))
                    {
                        Na(session, CtipNaReason.SmsTooLong);
                    }
                    else
                    {
                        Ok(session);
                        SendSms(sms.Number, sms.Type is CtipSmsType.Normal or CtipSmsType.Flash);
                    }

                    return;
                case CtipSmsOk ok:
                    if (!session.GsmPorts.Contains(ok.Port))
                    {
                        Na(session, CtipNaReason.NotLoggedIn);
                    }
                    else
                    {
                        AcknowledgeGsm(ok.MemoryIndex);
                        Ok(session);
                    }

                    return;
            }

            if (message is CtipUnknownMessage or CtipOk or CtipError or CtipNotAccepted || ExtensionOf(message) is not { } extension)
            {
                Answer(session, new CtipError());
                return;
            }

            if (!session.HasExtensionLogin)
            {
                Na(session, CtipNaReason.NotLoggedIn);
                return;
            }

            var s = FindByExtension(extension);
            if (s is null)
            {
                Na(session, CtipNaReason.NotASubscriber);
                return;
            }

            if (!session.Monitors(s))
            {
                Na(session, CtipNaReason.NotLoggedIn);
                return;
            }

            CtipCommand(session, s, message);
        }
    }

    private static string? ExtensionOf(CtipMessage message) => message switch
    {
        CtipRequestState m => m.Extension,
        CtipPick m => m.Extension,
        CtipHang m => m.Extension,
        CtipDial m => m.Extension,
        CtipReject m => m.Extension,
        CtipForward m => m.Extension,
        CtipForwardDelete m => m.Extension,
        CtipMaliciousCall m => m.Extension,
        CtipAccount m => m.Extension,
        CtipLock m => m.Extension,
        CtipDnd m => m.Extension,
        _ => null,
    };

    private void CtipLogin(CtipSession session, CtipLogin login)
    {
        if (session.HasExtensionLogin)
        {
            Answer(session, new CtipError()); // one LOGI or LOGA per connection
            return;
        }

        var s = FindByExtension(login.Extension);
        if (s is null || s.Data.Kind == SubscriberKind.GsmGateway)
        {
            Na(session, CtipNaReason.NotASubscriber);
        }
        else if (!s.Data.CtiAccess)
        {
            Na(session, CtipNaReason.CtiNotPermitted);
        }
        else if (s.Data.CtiPassword is { } key && login.Key is null)
        {
            Na(session, CtipNaReason.NoKey);
        }
        else if (s.Data.CtiPassword is { } expected && !string.Equals(expected, login.Key, StringComparison.Ordinal))
        {
            Na(session, CtipNaReason.WrongKey);
        }
        else
        {
            session.User = s;
            Ok(session, _initial.PbxType, ShortFirmware, CtipProtocolVersion.ToString(CultureInfo.InvariantCulture), s.Data.Phone == PhoneKind.System ? "2" : "1");
            session.Enqueue(OutboundItem.ForCtip(CtipTestFrame.Instance));
        }
    }

    private void CtipCommand(CtipSession session, Subscriber s, CtipMessage message)
    {
        switch (message)
        {
            case CtipRequestState:
                Answer(session, CtipStateOf(s));
                break;
            case CtipPick:
            {
                var ringing = _calls.Values.FirstOrDefault(c => c.Phase == CallPhase.Alerting && c.Alerting.Contains(s));
                if (s.Data.Phone != PhoneKind.System)
                {
                    Na(session, CtipNaReason.UseDial);
                }
                else if (ringing is null)
                {
                    Na(session, CtipNaReason.NoCall);
                }
                else
                {
                    Ok(session);
                    Answer(ringing, s);
                }

                break;
            }

            case CtipHang:
            {
                var active = _calls.Values.FirstOrDefault(c => c.Phase != CallPhase.Waiting && (IsConnectedParty(c, s) || (c.Phase == CallPhase.Alerting && c.Caller.Subscriber == s)));
                if (s.Data.Phone != PhoneKind.System)
                {
                    Na(session, CtipNaReason.UseDial);
                }
                else if (active is null)
                {
                    Na(session, CtipNaReason.NoCall);
                }
                else
                {
                    Ok(session);
                    HangUp(active, s);
                }

                break;
            }

            case CtipDial dial:
            {
                string digits = dial.Digits;
                if (digits.Length is 0 or > 16 || !digits.All(c => char.IsAsciiDigit(c) || c is '*' or '#' or '/'))
                {
                    Answer(session, new CtipError());
                    break;
                }

                var talking = _calls.Values.FirstOrDefault(c => c.Phase == CallPhase.Connected && IsConnectedParty(c, s));
                Ok(session);
                if (talking is not null)
                {
                    SendDtmf(talking, s, digits);
                }
                else if (digits.Trim('/').Length > 0)
                {
                    // v15 call-back: the extension's own phone is seized first (modeled as lifted at once), then the number is called.
                    StartOutgoing(s, digits.Replace("/", "", StringComparison.Ordinal));
                }

                break;
            }

            case CtipReject reject:
            {
                var ringing = _calls.Values.FirstOrDefault(c => c.Phase == CallPhase.Alerting && c.Alerting.Contains(s));
                string? target = reject.Target;
                if (ringing is null)
                {
                    Na(session, CtipNaReason.NoCall);
                }
                else if (target is not null && target != s.Extension && FindByExtension(target) is null && !_ringGroups.ContainsKey(target) && !NumberMatcher.IsOutside(target))
                {
                    Na(session, CtipNaReason.NoSuchNumber);
                }
                else
                {
                    Ok(session);
                    Reject(ringing, s, target);
                }

                break;
            }

            case CtipForward fwd:
            {
                ForwardingType? type = fwd.When switch
                {
                    CtipForwardCondition.Immediate => ForwardingType.All,
                    CtipForwardCondition.Busy => ForwardingType.Busy,
                    CtipForwardCondition.NoReply => ForwardingType.NoAnswer,
                    _ => null,
                };
                if (type is null || fwd.Rings is < 0 or > 9 || string.IsNullOrEmpty(fwd.Number))
                {
                    Na(session, CtipNaReason.ServiceParametersUnavailable);
                    break;
                }

                Ok(session);
                ApplyServices(s, null, [new ForwardingRule { Type = type, On = true, Number = fwd.Number, Rings = fwd.Rings }]);
                break;
            }

            case CtipForwardDelete:
                Ok(session);
                ApplyServices(s, null, s.Forwards.Where(f => f.On).Select(f => new ForwardingRule { Type = f.Type, On = false }).ToArray());
                break;
            case CtipDnd dnd:
                Ok(session);
                SetDnd(s, dnd.Enable);
                break;
            case CtipLock lk:
                if (lk.Lock && s.Data.CtiPassword is { } pw && !string.Equals(pw, lk.Key, StringComparison.Ordinal))
                {
                    Na(session, lk.Key is null ? CtipNaReason.NoKey : CtipNaReason.WrongKey);
                    break;
                }

                Ok(session);
                s.Locked = lk.Lock;
                PublishCtipState(s);
                break;
            case CtipAccount:
                Ok(session);
                break;
            case CtipMaliciousCall:
                Na(session, CtipNaReason.CannotRegisterMaliciousCall); // not supported on NCP
                break;
            default:
                Answer(session, new CtipError());
                break;
        }
    }
}
