namespace Slican.Cti.Testing;

/// <summary>The <c>Answer/Error</c> texts of docs/protocol.md 5.2 that the emulator uses.</summary>
public static class PbxErrors
{
    /// <summary>Unknown extension or wrong CTI password.</summary>
    public const string WrongLogin = "Wrong login or password";

    /// <summary>MessengerCTI not allowed for the extension, or no licence.</summary>
    public const string ApplicationNotAllowed = "Application not allowed";

    /// <summary>The subscriber's CTI access level is not set.</summary>
    public const string NoCtiAccess = "No CTI access";

    /// <summary>Module or message not supported.</summary>
    public const string UnknownMessage = "Unknown message";

    /// <summary>A required child is missing or a value is invalid.</summary>
    public const string MalformedMessage = "Malformed message";

    /// <summary>Request before a successful MakeLog.</summary>
    public const string NotLoggedIn = "Not logged in";

    /// <summary>The subscriber lacks the privilege.</summary>
    public const string NotPermitted = "Not permitted";

    /// <summary>CR unknown or not in a state the request needs.</summary>
    public const string NoSuchCall = "No such call";

    /// <summary>Target or resource busy.</summary>
    public const string Busy = "Busy";
}
