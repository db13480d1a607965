using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace Slican.Cti.Client;

/// <summary>Opens the TCP (and optionally TLS) stream to the PBX, with the certificate policy of the options.</summary>
internal static class CtiTransport
{
    public static async Task<Stream> ConnectAsync(string host, int port, CtiClientOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.ConnectTimeout, options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            try
            {
                await socket.ConnectAsync(host, port, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"the TCP connect did not complete within {options.ConnectTimeout.TotalSeconds:0.#} s");
            }

            Stream stream = new NetworkStream(socket, ownsSocket: true);
            if (!options.UseTls)
            {
                return stream;
            }

            if (options.AllowInsecureTls)
            {
                ClientLog.InsecureTls(logger, host, port);
            }

            var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
            string? pin = options.PinnedThumbprintSha256 is { } p ? CtiClientOptions.NormaliseThumbprint(p) : null;
            string? rejection = null;
            var authOptions = new SslClientAuthenticationOptions
            {
                TargetHost = options.TlsTargetHost ?? host,
                EnabledSslProtocols = SslProtocols.None, // the OS's current defaults (TLS 1.2/1.3)
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                {
                    if (options.AllowInsecureTls) return true;
                    if (pin is not null)
                    {
                        if (certificate is null) return false;
                        string actual = Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData()));
                        if (actual == pin) return true;
                        rejection = $"the server certificate's SHA-256 thumbprint {actual} does not match the pinned {pin}";
                        return false;
                    }

                    if (errors == SslPolicyErrors.None) return true;
                    rejection = $"the server certificate is not trusted ({errors}); if the PBX uses a self-signed certificate, pin its SHA-256 thumbprint with CtiClientOptions.PinnedThumbprintSha256";
                    return false;
                },
            };
            try
            {
                await ssl.AuthenticateAsClientAsync(authOptions, linked.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is AuthenticationException or IOException)
            {
                await ssl.DisposeAsync().ConfigureAwait(false);
                throw new CtiLoginException(CtiLoginFailure.TlsFailed,
                    $"TLS to the PBX at {host}:{port} failed: {rejection ?? ex.Message}. Check that the PBX's XML encryption option is on (port 5543) and the certificate settings.",
                    innerException: ex);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                await ssl.DisposeAsync().ConfigureAwait(false);
                throw new TimeoutException($"the TLS handshake did not complete within {options.ConnectTimeout.TotalSeconds:0.#} s");
            }

            return ssl;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The SHA-256 thumbprint of a certificate in the form <see cref="CtiClientOptions.PinnedThumbprintSha256"/> takes.</summary>
    public static string Thumbprint(X509Certificate certificate) => Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData()));
}
