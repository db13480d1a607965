using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Slican.Cti.Client;

namespace Slican.Cti.Extensions.DependencyInjection;

/// <summary>
/// Registers one <see cref="CtiClient"/> as a singleton and a hosted service that connects it when the host starts,
/// so a login failure stops the host with a <see cref="CtiLoginException"/> that says what to fix, instead of
/// surfacing later at the first request. The container disposes the client (logout, close) when the host stops.
/// </summary>
public static class SlicanCtiServiceCollectionExtensions
{
    /// <summary>Registers the client with options built by <paramref name="configure"/> (which may read other services).</summary>
    public static IServiceCollection AddSlicanCti(this IServiceCollection services, Func<IServiceProvider, CtiClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.TryAddSingleton(provider =>
        {
            var options = configure(provider);
            if (options.LoggerFactory is null && provider.GetService<ILoggerFactory>() is { } loggerFactory)
            {
                options = options with { LoggerFactory = loggerFactory };
            }

            return new CtiClient(options);
        });
        services.AddHostedService<CtiClientHostedService>();
        return services;
    }

    /// <summary>Registers the client with fixed options.</summary>
    public static IServiceCollection AddSlicanCti(this IServiceCollection services, CtiClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return services.AddSlicanCti(_ => options);
    }

    /// <summary>
    /// Registers the client with options bound from a configuration section (keys as in <see cref="CtiClientOptions"/>:
    /// <c>Host</c>, <c>Port</c>, <c>User</c>, <c>Password</c>, <c>UseTls</c>, <c>PinnedThumbprintSha256</c>,
    /// <c>RequestTimeout</c>…), or from a single connection string in the section's value or its
    /// <c>ConnectionString</c> key (<see cref="CtiClientOptions.Parse"/> format). Keep the password in user secrets or
    /// the environment, not in appsettings.json.
    /// </summary>
    public static IServiceCollection AddSlicanCti(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddSlicanCti(_ => BindOptions(configuration));
    }

    internal static CtiClientOptions BindOptions(IConfiguration configuration)
    {
        string? connectionString = (configuration as IConfigurationSection)?.Value ?? configuration["ConnectionString"];
        var options = string.IsNullOrWhiteSpace(connectionString) ? new CtiClientOptions() : CtiClientOptions.Parse(connectionString);
        configuration.Bind(options);
        options.Validate();
        return options;
    }
}

/// <summary>Connects the registered <see cref="CtiClient"/> when the host starts.</summary>
internal sealed class CtiClientHostedService(CtiClient client) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => client.ConnectAsync(cancellationToken);

    // The container disposes the client (it is IAsyncDisposable) after the host has stopped.
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
