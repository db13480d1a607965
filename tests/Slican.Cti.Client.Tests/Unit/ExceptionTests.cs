using Slican.Cti.Client;

namespace Slican.Cti.Client.Tests.Unit;

public sealed class ExceptionTests
{
    [Theory]
    [InlineData("Wrong login or password", CtiLoginFailure.WrongCredentials)]
    [InlineData("  wrong LOGIN or password ", CtiLoginFailure.WrongCredentials)]
    [InlineData("Application not allowed", CtiLoginFailure.ApplicationNotAllowed)]
    [InlineData("No CTI access", CtiLoginFailure.NoCtiAccess)]
    [InlineData("Licence expired", CtiLoginFailure.Other)]
    public void Pbx_login_errors_map_to_failures(string text, CtiLoginFailure expected)
    {
        var ex = CtiLoginException.FromPbxError("201", text);
        Assert.Equal(expected, ex.Failure);
        Assert.Equal(text.Trim(), ex.PbxError);
        Assert.Contains("201", ex.Message, StringComparison.Ordinal);
        Assert.False(ex.IsTransient);
    }

    [Theory]
    [InlineData("Not permitted", "privilege")]
    [InlineData("No such call", "already ended")]
    [InlineData("Busy", "retry later")]
    [InlineData("Unknown message", "does not support")]
    public void Request_failures_carry_a_hint(string error, string hint)
    {
        var ex = new CtiRequestFailedException("Calls/Answer_REQ CId=3", error);
        Assert.Contains(hint, ex.Message, StringComparison.Ordinal);
        Assert.Contains("Calls/Answer_REQ CId=3", ex.Message, StringComparison.Ordinal);
        Assert.Equal(error == "Not permitted", ex.IsNotPermitted);
    }

    [Fact]
    public void Every_sdk_exception_is_a_CtiException()
    {
        Assert.IsAssignableFrom<CtiException>(new CtiConnectionLostException("x"));
        Assert.IsAssignableFrom<CtiException>(new CtiNotConnectedException("x"));
        Assert.IsAssignableFrom<CtiException>(new CtiProtocolViolationException("x"));
        Assert.IsAssignableFrom<CtiException>(new CtiRequestTimeoutException("x", "r", TimeSpan.FromSeconds(1)));
    }
}
