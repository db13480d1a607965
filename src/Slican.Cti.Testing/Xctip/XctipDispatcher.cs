using Slican.Cti.Protocol.Xctip;
using Slican.Cti.Protocol.Xctip.Messages;
using Slican.Cti.Testing.Sessions;

namespace Slican.Cti.Testing.Xctip;

/// <summary>Routes each decoded XCTIP request to the world's handler for its module.</summary>
internal static class XctipDispatcher
{
    public static void Dispatch(PbxEmulatorContext context, XctipSession session, XctipMessage message)
    {
        var world = context.World;
        switch (message)
        {
            case WatchdogTest:
                if (context.Faults.AnswerWatchdog)
                {
                    session.Enqueue(OutboundItem.ForXctip(false, new WatchdogOk()));
                }

                return;
            case MakeLogRequest login:
                world.HandleMakeLog(session, login);
                return;
        }

        if (session.User is null)
        {
            if (message is XctipRequest or XctipUnknownMessage)
            {
                PbxWorld.Reply(session, message.Module, XctipSession.CIdOf(message), PbxErrors.NotLoggedIn);
            }

            return;
        }

        switch (message)
        {
            case LogoutRequest m: world.HandleLogout(session, m); break;

            case StatusRegisterRequest m: world.HandleStatusRegister(session, m); break;
            case StatusUnregisterRequest m: world.HandleStatusUnregister(session, m); break;
            case StatusUpdateRequest m: world.HandleStatusUpdate(session, m); break;

            case CallsRegisterRequest m: world.HandleCallsRegister(session, m); break;
            case MakeCallRequest m: world.HandleMakeCall(session, m); break;
            case AnswerCallRequest m: world.HandleCallRequest(session, m.CId, m.CR, CallAction.Answer); break;
            case ReleaseCallRequest m: world.HandleCallRequest(session, m.CId, m.CR, CallAction.Release); break;
            case HoldCallRequest m: world.HandleCallRequest(session, m.CId, m.CR, CallAction.Hold); break;
            case RetrieveCallRequest m: world.HandleCallRequest(session, m.CId, m.CR, CallAction.Retrieve); break;
            case RejectCallRequest m: world.HandleReject(session, m); break;
            case TransferCallRequest m: world.HandleTransfer(session, m); break;
            case DtmfRequest m: world.HandleDtmf(session, m); break;
            case PickupCallRequest m: world.HandlePickup(session, m); break;
            case ConferenceCallRequest m: world.HandleConferenceCall(session, m); break;

            case SyncRequest m: world.HandleSync(session, m); break;
            case SyncRegisterRequest m: world.HandleSyncRegister(session, m, push: false); break;
            case SyncAutoChangeRequest m: world.HandleSyncAutoChange(session, m); break;
            case SyncSendChangeRequest m: world.HandleSendChange(session, m); break;
            case SyncGetPermissionRequest m: world.HandleGetPermission(session, m); break;

            case SmsRegisterRequest m: world.HandleSmsRegister(session, m.CId, register: true); break;
            case SmsUnregisterRequest m: world.HandleSmsRegister(session, m.CId, register: false); break;
            case SmsSendRequest m: world.HandleSmsSend(session, m); break;
            case SmsMarkReadRequest m: world.HandleMarkRead(session, m); break;

            case GsmRegisterRequest m: world.HandleGsmRegister(session, m); break;
            case GsmUnregisterRequest m: world.HandleGsmUnregister(session, m); break;
            case GsmSmsSendRequest m: world.HandleGsmSend(session, m); break;
            case GsmSmsOkRequest m: world.HandleGsmOk(session, m); break;

            case ServicesGetRequest m: world.HandleServicesGet(session, m); break;
            case ServicesSetRequest m: world.HandleServicesSet(session, m); break;

            case CallCenterRegisterRequest m: world.HandleCcRegister(session, m); break;
            case CallCenterAgentLoginRequest m: world.HandleAgentLogin(session, m.CId, m.QueueId, login: true); break;
            case CallCenterAgentLogoutRequest m: world.HandleAgentLogin(session, m.CId, m.QueueId, login: false); break;
            case CallCenterPauseRequest m: world.HandlePause(session, m); break;
            case CallCenterCallbackDoneRequest m: world.HandleCallbackDone(session, m); break;

            case DoorOpenRequest m: world.HandleDoorOpen(session, m); break;
            case DoorCameraRequest m: world.HandleDoorCamera(session, m); break;

            case ConferenceCreateRequest m: world.HandleConfCreate(session, m); break;
            case ConferenceEditRequest m: world.HandleConfEdit(session, m); break;
            case ConferenceLeaveRequest m: world.HandleConfLeave(session, m); break;

            case FileOfferRequest m: world.HandleFileOffer(session, m); break;

            case LocationShareRequest m: world.HandleLocationShare(session, m); break;
            case LocationUpdateRequest m: world.HandleLocationUpdate(session, m); break;

            default:
                // Unknown modules and messages, and PBX-to-client messages sent by a client.
                PbxWorld.Reply(session, message.Module, XctipSession.CIdOf(message), PbxErrors.UnknownMessage);
                break;
        }
    }
}

/// <summary>Call control requests that only need a CR.</summary>
internal enum CallAction
{
    Answer,
    Release,
    Hold,
    Retrieve,
}
