using System.Globalization;
using Slican.Cti.Protocol.Ctip;
using Slican.Cti.Protocol.Xctip;
using Slican.Cti.Protocol.Xctip.Messages;
using Slican.Cti.Testing.Ctip;
using Slican.Cti.Testing.Sessions;
using Slican.Cti.Testing.Xctip;

namespace Slican.Cti.Testing;

/// <summary>
/// The live state of the emulated PBX, shared by every XCTIP and CTIP session. All changes happen under one lock and
/// queue their events to the sessions before the lock is released, so every client sees every change in the same
/// order. Read members return snapshots; changes come from client requests and <see cref="PbxScenario"/>.
/// </summary>
public sealed partial class PbxWorld
{
    private readonly object _gate = new();
    private readonly PbxEmulatorContext _context;
    private readonly List<PbxSession> _sessions = [];
    private readonly List<Subscriber> _subscribers;
    private readonly Dictionary<string, Subscriber> _byExtension;
    private readonly Dictionary<int, Subscriber> _byId;
    private readonly PbxWorldData _initial;
    private uint _epoch;

    internal PbxWorld(PbxEmulatorContext context, PbxWorldData data)
    {
        _context = context;
        _initial = data;
        _epoch = data.Epoch;
        _subscribers = data.Subscribers.Select(s => new Subscriber(s)).ToList();
        _byExtension = _subscribers.ToDictionary(s => s.Extension, StringComparer.Ordinal);
        _byId = _subscribers.ToDictionary(s => s.Id);
        _ringGroups = data.RingGroups.ToDictionary(g => g.Number, StringComparer.Ordinal);
        InitialiseSync(data);
        InitialiseCallCenter(data);
        InitialiseMessaging(data);
    }

    /// <summary>The database epoch written into sync markers.</summary>
    public uint Epoch
    {
        get
        {
            lock (_gate)
            {
                return _epoch;
            }
        }
    }

    /// <summary>Number of connected sessions (both protocols).</summary>
    public int SessionCount
    {
        get
        {
            lock (_gate)
            {
                return _sessions.Count;
            }
        }
    }

    /// <summary>The subscribers' current state.</summary>
    public IReadOnlyList<PbxSubscriberState> Subscribers
    {
        get
        {
            lock (_gate)
            {
                return _subscribers.Select(Snapshot).ToArray();
            }
        }
    }

    /// <summary>One subscriber's current state, or <see langword="null"/>.</summary>
    public PbxSubscriberState? FindSubscriber(string extension)
    {
        lock (_gate)
        {
            return _byExtension.TryGetValue(extension, out var s) ? Snapshot(s) : null;
        }
    }

    /// <summary>The extensions that have at least one logged-in session of the given protocol.</summary>
    public IReadOnlyList<string> LoggedInExtensions(PbxProtocol protocol)
    {
        lock (_gate)
        {
            return _sessions.Where(s => s.Protocol == protocol && s.User is not null && !s.IsClosing).Select(s => s.User!.Extension).Distinct().ToArray();
        }
    }

    /// <summary>
    /// The world as data (subscribers, groups, contacts, queues, history as they are now), for
    /// <see cref="PbxWorldData.SaveAsync"/> or to start another emulator from the same state.
    /// </summary>
    public PbxWorldData ToData()
    {
        lock (_gate)
        {
            return _initial with
            {
                Epoch = _epoch,
                Subscribers = _subscribers.Select(s => s.Data with
                {
                    Dnd = s.Dnd, AppState = s.AppState?.Value, AppInfo = s.AppInfo, OutOfOrder = s.OutOfOrder,
                }).ToArray(),
                PhoneBookGroups = _groups.Values.OrderBy(g => g.GroupId).ToArray(),
                Contacts = _contacts.Values.OrderBy(c => c.ContactId).ToArray(),
                CallHistory = _callHistory.Values.SelectMany(l => l).OrderBy(h => h.HId).ToArray(),
                MessageHistory = _messageHistory.Values.SelectMany(l => l).OrderBy(m => m.MId).ToArray(),
                Callbacks = _callbacks.Values.OrderBy(c => c.CbId).ToArray(),
                Queues = _queues.Values.Select(q => q.Data with { LoggedInAgents = q.LoggedIn.ToArray() }).ToArray(),
            };
        }
    }

    internal DateTime Now => _context.TimeProvider.GetLocalNow().DateTime;

    internal TimeProvider Time => _context.TimeProvider;

    internal PbxEmulatorOptions Options => _context.Options;

    // ---------------------------------------------------------------- sessions

    /// <summary>Test seam: called under the world lock when a session leaves, to observe the state it left.</summary>
    internal Action<PbxSession>? SessionRemoved { get; set; }

    internal void AddSession(PbxSession session)
    {
        lock (_gate)
        {
            _sessions.Add(session);
        }
    }

    internal void RemoveSession(PbxSession session)
    {
        lock (_gate)
        {
            if (!_sessions.Remove(session))
            {
                return;
            }

            SessionRemoved?.Invoke(session);

            if (session is XctipSession x && x.User is { } user && !_sessions.Any(s => s is XctipSession && s.User == user))
            {
                // The user's last MessengerCTI session is gone: its presence falls back to unavailable (modeled).
                if (user.AppState is not null && user.AppState != AppState.Unavailable)
                {
                    user.AppState = AppState.Unavailable;
                    PublishStatus(new StatusChangeEvent { Id = user.Id, AppState = user.AppState });
                }
            }
        }
    }

    internal Task DropSessionsAsync(string? extension)
    {
        PbxSession[] victims;
        lock (_gate)
        {
            victims = _sessions.Where(s => extension is null || s.User?.Extension == extension).ToArray();
        }

        foreach (var s in victims)
        {
            s.Abort();
        }

        return Task.WhenAll(victims.Select(s => s.Closed));
    }

    internal void InjectMalformed(string? extension)
    {
        lock (_gate)
        {
            foreach (var s in _sessions.Where(s => extension is null || s.User?.Extension == extension))
            {
                s.InjectMalformed();
            }
        }
    }

    internal void Restart(bool newEpoch)
    {
        lock (_gate)
        {
            foreach (var call in _calls.Values.ToArray())
            {
                _calls.Remove(call.Cr);
            }

            foreach (var s in _subscribers)
            {
                s.PhoneState = PhoneState.Free;
                s.OffHook = false;
            }

            if (newEpoch)
            {
                // The epoch is a Unix time: the moment of the reset, and always a new value.
                _epoch = Math.Max(_epoch + 1, (uint)Math.Clamp(Time.GetUtcNow().ToUnixTimeSeconds(), 0, uint.MaxValue));
            }
        }
    }

    internal IEnumerable<XctipSession> XctipSessions()
    {
        foreach (var s in _sessions)
        {
            if (s is XctipSession x && x.User is not null && !x.IsClosing)
            {
                yield return x;
            }
        }
    }

    internal IEnumerable<CtipSession> CtipSessions()
    {
        foreach (var s in _sessions)
        {
            if (s is CtipSession c && !c.IsClosing)
            {
                yield return c;
            }
        }
    }

    internal static void Reply(XctipSession session, XctipMessage message) => session.Enqueue(OutboundItem.ForXctip(true, message));

    internal static void Reply(XctipSession session, string module, int? cid, string? error = null, int? cr = null) =>
        session.Enqueue(OutboundItem.ForXctip(true, new XctipAnswer(module) { CId = cid, Error = error, CR = cr }));

    internal static void Send(PbxSession session, XctipMessage message) => session.Enqueue(OutboundItem.ForXctip(false, message));

    /// <summary>Queues one shared item to every logged-in XCTIP session that matches.</summary>
    internal void Broadcast(Func<XctipSession, bool> filter, XctipMessage message)
    {
        OutboundItem? item = null;
        foreach (var s in XctipSessions())
        {
            if (filter(s))
            {
                s.Enqueue(item ??= OutboundItem.ForXctip(false, message));
            }
        }
    }

    /// <summary>Queues one shared line to every CTIP session monitoring <paramref name="extension"/>.</summary>
    internal void BroadcastCtip(Subscriber extension, CtipMessage message)
    {
        OutboundItem? item = null;
        foreach (var s in CtipSessions())
        {
            if (s.Monitors(extension))
            {
                s.Enqueue(item ??= OutboundItem.ForCtip(message));
            }
        }
    }

    /// <summary>Sends the CTIP <c>t</c> test frame to every CTIP connection.</summary>
    internal void SendCtipTestFrames()
    {
        lock (_gate)
        {
            OutboundItem? item = null;
            foreach (var s in CtipSessions())
            {
                s.Enqueue(item ??= OutboundItem.ForCtip(CtipTestFrame.Instance));
            }
        }
    }

    internal Subscriber? FindByExtension(string? extension) =>
        extension is not null && _byExtension.TryGetValue(extension, out var s) ? s : null;

    internal Subscriber? FindById(int? id) => id is { } i && _byId.TryGetValue(i, out var s) ? s : null;

    // ---------------------------------------------------------------- login

    internal void HandleMakeLog(XctipSession session, MakeLogRequest request)
    {
        lock (_gate)
        {
            if (string.IsNullOrEmpty(request.Login) || request.Pass is null)
            {
                Reply(session, "Log", request.CId, PbxErrors.MalformedMessage);
                return;
            }

            var s = FindByExtension(request.Login.Trim());
            if (s is null || s.Data.CtiPassword is null || !string.Equals(s.Data.CtiPassword, request.Pass, StringComparison.Ordinal))
            {
                Reply(session, "Log", request.CId, PbxErrors.WrongLogin);
                return;
            }

            if (!s.Data.CtiAccess)
            {
                Reply(session, "Log", request.CId, PbxErrors.NoCtiAccess);
                return;
            }

            if (!s.Data.ApplicationAllowed)
            {
                Reply(session, "Log", request.CId, PbxErrors.ApplicationNotAllowed);
                return;
            }

            session.User = s;
            Reply(session, new LogInfoAnswer
            {
                LogType = "User",
                Comment = s.Name,
                Id = s.Id,
                Number = s.Extension,
                Language = "PL",
                Licence = new LicenceLevel(s.Data.Licence),
                Camera = s.Data.Camera,
                VoIP = s.Data.Voip,
                RecAccess = false,
                PbxType = _initial.PbxType,
                Version = _initial.Firmware,
            });
            Reply(session, "Log", request.CId);
        }
    }

    internal void HandleLogout(XctipSession session, LogoutRequest request)
    {
        lock (_gate)
        {
            Reply(session, "Log", request.CId);
            session.ResetRegistrations();
        }
    }

    // ---------------------------------------------------------------- presence

    internal static StatusRefreshEvent RefreshOf(Subscriber s) => new()
    {
        Id = s.Id,
        State = s.PhoneState,
        DndStat = s.Dnd ? DndState.On : DndState.Off,
        AppState = s.AppState,
        AppInfo = s.AppInfo ?? "",
        AppInfoTime = s.AppInfoTime,
        CustomState = s.CustomState,
        Camera = s.HasCamera,
        Door = s.Door,
    };

    internal void HandleStatusRegister(XctipSession session, StatusRegisterRequest request)
    {
        lock (_gate)
        {
            if (request.Id is { } id && FindById(id) is null)
            {
                Reply(session, "Status", request.CId, PbxErrors.MalformedMessage);
                return;
            }

            if (request.Clear)
            {
                session.StatusAll = false;
                session.StatusIds.Clear();
            }

            Reply(session, "Status", request.CId);
            if (request.Id is { } one)
            {
                session.StatusIds.Add(one);
                Send(session, RefreshOf(_byId[one]));
            }
            else
            {
                session.StatusAll = true;
                foreach (var s in _subscribers)
                {
                    Send(session, RefreshOf(s));
                }
            }
        }
    }

    internal void HandleStatusUnregister(XctipSession session, StatusUnregisterRequest request)
    {
        lock (_gate)
        {
            session.StatusAll = false;
            session.StatusIds.Clear();
            Reply(session, "Status", request.CId);
        }
    }

    internal void HandleStatusUpdate(XctipSession session, StatusUpdateRequest request)
    {
        lock (_gate)
        {
            var user = session.User!;
            if (request.Id is { } id && id != user.Id)
            {
                Reply(session, "Status", request.CId, PbxErrors.NotPermitted);
                return;
            }

            if (request.AppState is null && request.AppInfo is null && request.CustomState is null)
            {
                Reply(session, "Status", request.CId, PbxErrors.MalformedMessage);
                return;
            }

            Reply(session, "Status", request.CId);
            SetPresence(user, request.AppState, request.AppInfo, request.AppInfoTime, request.CustomState);
        }
    }

    internal void SetPresence(Subscriber user, AppState? appState, string? appInfo, DateTime? appInfoTime = null, int? customState = null)
    {
        var change = new StatusChangeEvent { Id = user.Id };
        if (appState is { } a && a != user.AppState)
        {
            user.AppState = a;
            change = change with { AppState = a };
        }

        if (appInfo is not null && appInfo != user.AppInfo)
        {
            user.AppInfo = appInfo;
            user.AppInfoTime = appInfoTime ?? Now;
            change = change with { AppInfo = appInfo, AppInfoTime = user.AppInfoTime };
        }

        if (customState is { } c && c != user.CustomState)
        {
            user.CustomState = c;
            change = change with { CustomState = c };
        }

        if (change.AppState is not null || change.AppInfo is not null || change.CustomState is not null)
        {
            PublishStatus(change);
        }
    }

    internal void PublishStatus(StatusChangeEvent change)
    {
        int id = change.Id!.Value;
        Broadcast(s => s.StatusAll || s.StatusIds.Contains(id), change);
    }

    internal void SetPhoneState(Subscriber s, PhoneState state)
    {
        if (s.PhoneState == state)
        {
            return;
        }

        s.PhoneState = state;
        PublishStatus(new StatusChangeEvent { Id = s.Id, State = state });
    }

    internal void SetDnd(Subscriber s, bool on, bool fromServices = false)
    {
        if (s.Dnd == on)
        {
            return;
        }

        s.Dnd = on;
        PublishStatus(new StatusChangeEvent { Id = s.Id, DndStat = on ? DndState.On : DndState.Off });
        if (!fromServices)
        {
            PublishServices(s, dndOnly: true);
        }

        PublishCtipState(s);
    }

    internal void SetDoor(Subscriber s, DoorState state)
    {
        if (s.Door == state)
        {
            return;
        }

        s.Door = state;
        PublishStatus(new StatusChangeEvent { Id = s.Id, Door = state });
    }

    internal void SetCamera(Subscriber s, bool on)
    {
        if (s.HasCamera == on)
        {
            return;
        }

        s.HasCamera = on;
        PublishStatus(new StatusChangeEvent { Id = s.Id, Camera = on });
    }

    // ---------------------------------------------------------------- services

    internal void HandleServicesGet(XctipSession session, ServicesGetRequest request)
    {
        lock (_gate)
        {
            var user = session.User!;
            Reply(session, new ServicesAnswer { CId = request.CId, Dnd = user.Dnd ? DndState.On : DndState.Off, Fwd = user.Forwards.Select(f => f.ToRule()).ToArray() });
        }
    }

    internal void HandleServicesSet(XctipSession session, ServicesSetRequest request)
    {
        lock (_gate)
        {
            var user = session.User!;
            foreach (var rule in request.Fwd)
            {
                if (rule.Type is not { } t || !ForwardingType.KnownValues.Contains(t) || rule.Rings is < 0 or > 9
                    || (rule.On == true && string.IsNullOrWhiteSpace(rule.Number) && string.IsNullOrWhiteSpace(user.GetForward(t).Number)))
                {
                    Reply(session, "Services", request.CId, PbxErrors.MalformedMessage);
                    return;
                }
            }

            if (request.Dnd is { } d && d != DndState.On && d != DndState.Off)
            {
                Reply(session, "Services", request.CId, PbxErrors.MalformedMessage);
                return;
            }

            Reply(session, "Services", request.CId);
            ApplyServices(user, request.Dnd, request.Fwd);
        }
    }

    internal void ApplyServices(Subscriber user, DndState? dnd, IEnumerable<ForwardingRule> rules)
    {
        bool fwdChanged = false;
        foreach (var rule in rules)
        {
            var f = user.GetForward(rule.Type!.Value);
            if (rule.Number is { Length: > 0 } n)
            {
                f.Number = n.Trim();
            }

            if (rule.Rings is { } r)
            {
                f.Rings = r;
            }

            if (rule.On is { } on)
            {
                f.On = on;
            }

            fwdChanged = true;
        }

        bool dndChanged = dnd is { } d && (d == DndState.On) != user.Dnd;
        if (dndChanged)
        {
            user.Dnd = dnd == DndState.On;
            PublishStatus(new StatusChangeEvent { Id = user.Id, DndStat = user.Dnd ? DndState.On : DndState.Off });
        }

        if (dndChanged || fwdChanged)
        {
            var change = new ServicesChangeEvent { Id = user.Id, Dnd = dndChanged ? dnd : null, Fwd = fwdChanged ? user.Forwards.Select(f => f.ToRule()).ToArray() : [] };
            Broadcast(s => s.User == user, change);
            PublishCtipState(user);
        }
    }

    private void PublishServices(Subscriber user, bool dndOnly)
    {
        var change = new ServicesChangeEvent { Id = user.Id, Dnd = user.Dnd ? DndState.On : DndState.Off, Fwd = dndOnly ? [] : user.Forwards.Select(f => f.ToRule()).ToArray() };
        Broadcast(s => s.User == user, change);
    }

    internal void PublishForwards(Subscriber user)
    {
        PublishServices(user, dndOnly: false);
        PublishCtipState(user);
    }

    // ---------------------------------------------------------------- doors, location, files, permissions

    internal void HandleDoorOpen(XctipSession session, DoorOpenRequest request)
    {
        lock (_gate)
        {
            var door = FindById(request.Id);
            if (door is null || door.Data.Kind != SubscriberKind.Doorphone)
            {
                Reply(session, "Door", request.CId, request.Id is null ? PbxErrors.MalformedMessage : PbxErrors.NotPermitted);
                return;
            }

            Reply(session, "Door", request.CId);
            OpenDoor(door);
        }
    }

    private readonly Dictionary<Subscriber, ITimer> _doorTimers = [];

    internal void OpenDoor(Subscriber door)
    {
        // Kept in a field: an unreferenced timer may be collected before it fires.
        if (_doorTimers.Remove(door, out var previous))
        {
            previous.Dispose();
        }

        // Armed before the Open event is published: a client that sees it (and advances a fake clock) must find the
        // close already scheduled. The callback takes the world lock, which the caller holds, so it cannot run first.
        _doorTimers[door] = Time.CreateTimer(_ => CloseDoor(door), null, Options.DoorOpenTime, Timeout.InfiniteTimeSpan);
        SetDoor(door, DoorState.Open);
    }

    private void CloseDoor(Subscriber door)
    {
        lock (_gate)
        {
            if (_doorTimers.Remove(door, out var timer))
            {
                timer.Dispose();
            }

            if (door.Door == DoorState.Open)
            {
                SetDoor(door, DoorState.Close);
            }
        }
    }

    internal void HandleDoorCamera(XctipSession session, DoorCameraRequest request)
    {
        lock (_gate)
        {
            var camera = FindById(request.Id);
            if (request.Id is null)
            {
                Reply(session, "Door", request.CId, PbxErrors.MalformedMessage);
            }
            else if (camera is null || !camera.HasCamera || camera.Data.CameraUrl is null || !session.User!.Data.Camera)
            {
                Reply(session, "Door", request.CId, PbxErrors.NotPermitted);
            }
            else
            {
                Reply(session, new DoorCameraAnswer { CId = request.CId, Id = camera.Id, Url = camera.Data.CameraUrl, Login = camera.Data.CameraLogin, Pass = camera.Data.CameraPassword });
            }
        }
    }

    internal void HandleLocationShare(XctipSession session, LocationShareRequest request)
    {
        lock (_gate)
        {
            if (request.On is null || request.Id.Count == 0 || request.Id.Any(i => FindById(i) is null))
            {
                Reply(session, "Location", request.CId, PbxErrors.MalformedMessage);
                return;
            }

            var user = session.User!;
            foreach (int id in request.Id)
            {
                if (request.On.Value)
                {
                    user.LocationViewers.Add(id);
                }
                else
                {
                    user.LocationViewers.Remove(id);
                }
            }

            Reply(session, "Location", request.CId);
        }
    }

    internal void HandleLocationUpdate(XctipSession session, LocationUpdateRequest request)
    {
        lock (_gate)
        {
            if (request.Lat is not { } lat || request.Lon is not { } lon || lat is < -90 or > 90 || lon is < -180 or > 180)
            {
                Reply(session, "Location", request.CId, PbxErrors.MalformedMessage);
                return;
            }

            var user = session.User!;
            Reply(session, "Location", request.CId);
            var position = new LocationPositionEvent { Id = user.Id, Lat = lat, Lon = lon, Time = Now };
            Broadcast(s => user.LocationViewers.Contains(s.User!.Id), position);
        }
    }

    private int _nextFileToken = 0xF3A9C1;

    internal void HandleFileOffer(XctipSession session, FileOfferRequest request)
    {
        lock (_gate)
        {
            var user = session.User!;
            var target = FindByExtension(request.Number);
            if (target is null || string.IsNullOrEmpty(request.FileName) || request.Size is not >= 0)
            {
                Reply(session, "File", request.CId, PbxErrors.MalformedMessage);
                return;
            }

            bool clipboard = request.Clipboard == true;
            if (clipboard && target != user)
            {
                Reply(session, "File", request.CId, PbxErrors.NotPermitted);
                return;
            }

            string token = (_nextFileToken++).ToString("x", CultureInfo.InvariantCulture);
            string url = $"https://127.0.0.1/files/{token}";
            Reply(session, new FileOfferAnswer { CId = request.CId, Token = token, Url = url });
            var offer = new FileOfferEvent { Number = user.Extension, FileName = request.FileName, Size = request.Size, Token = token, Url = url, Clipboard = clipboard };
            Broadcast(s => s.User == target && s != session, offer);
        }
    }

    internal void HandleGetPermission(XctipSession session, SyncGetPermissionRequest request)
    {
        lock (_gate)
        {
            var who = request.Id is null ? session.User! : FindById(request.Id);
            if (who is null)
            {
                Reply(session, "Sync", request.CId, PbxErrors.MalformedMessage);
                return;
            }

            Reply(session, new SyncGetPermissionAnswer { CId = request.CId, Id = who.Id, EditBook = who.Data.CanEditBook, EditGroups = who.Data.CanEditGroups });
        }
    }

    private static PbxSubscriberState Snapshot(Subscriber s) => new(
        s.Extension, s.Id, s.Name, s.Data.Kind, s.PhoneState, s.Dnd, s.AppState, s.AppInfo, s.Door, s.OutOfOrder,
        s.Forwards.Select(f => f.ToRule()).ToArray(), s.Paused);

    internal void WithLock(Action action)
    {
        lock (_gate)
        {
            action();
        }
    }

    internal T WithLock<T>(Func<T> action)
    {
        lock (_gate)
        {
            return action();
        }
    }
}

/// <summary>A snapshot of one subscriber.</summary>
/// <param name="Extension">Extension number.</param>
/// <param name="Id">Subscriber id.</param>
/// <param name="Name">Name.</param>
/// <param name="Kind">Terminal kind.</param>
/// <param name="PhoneState">Line state (<c>FREE</c>, <c>RINGING</c>, <c>BUSY</c>…).</param>
/// <param name="Dnd">Do-not-disturb on.</param>
/// <param name="AppState">MessengerCTI state, <see langword="null"/> = never logged in.</param>
/// <param name="AppInfo">Description.</param>
/// <param name="Door">Door state of a doorphone.</param>
/// <param name="OutOfOrder">Out of order.</param>
/// <param name="Forwards">Forwarding rules (All, Busy, NoAnswer).</param>
/// <param name="Paused">Call Center break.</param>
public sealed record PbxSubscriberState(
    string Extension, int Id, string Name, SubscriberKind Kind, PhoneState PhoneState, bool Dnd, AppState? AppState, string? AppInfo,
    DoorState? Door, bool OutOfOrder, IReadOnlyList<ForwardingRule> Forwards, bool Paused);
