using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Slican.Cti.Client;
using Slican.Cti.Testing;

namespace Slican.Cti.Extensions.DependencyInjection.Tests;

public sealed class HostingTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private static IHost BuildHost(PbxEmulator pbx, string user, string password, Action<IConfigurationBuilder>? more = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SlicanCti:Host"] = pbx.XctipEndPoint.Address.ToString(),
            ["SlicanCti:Port"] = pbx.XctipEndPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SlicanCti:User"] = user,
            ["SlicanCti:Password"] = password,
            ["SlicanCti:RequestTimeout"] = "00:00:07",
        });
        more?.Invoke(builder.Configuration);
        builder.Services.AddSlicanCti(builder.Configuration.GetSection("SlicanCti"));
        return builder.Build();
    }

    [Fact]
    public async Task The_host_connects_the_client_from_configuration_and_disposes_it_when_stopped()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        using var host = BuildHost(pbx, "201", "1234");
        await host.StartAsync().WaitAsync(Guard);

        var client = host.Services.GetRequiredService<CtiClient>();
        Assert.Same(client, host.Services.GetRequiredService<CtiClient>());
        Assert.Equal("201", client.LogInfo!.Number);
        Assert.Contains("201", pbx.World.LoggedInExtensions(PbxProtocol.Xctip));
        Assert.Equal(TimeSpan.FromSeconds(7), client.Options.RequestTimeout);

        Assert.Equal(CtiConnectionState.Connected, client.State);

        await host.StopAsync().WaitAsync(Guard);
        host.Dispose();
        Assert.Equal(CtiConnectionState.Closed, client.State); // the container disposed it: logged out and closed
    }

    [Fact]
    public async Task A_wrong_password_stops_the_host_from_starting_with_a_typed_error_that_hides_the_password()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        using var host = BuildHost(pbx, "201", "wrong-secret");
        var error = await Assert.ThrowsAsync<CtiLoginException>(() => host.StartAsync().WaitAsync(Guard));
        Assert.Equal(CtiLoginFailure.WrongCredentials, error.Failure);
        Assert.DoesNotContain("wrong-secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_connection_string_in_the_section_is_parsed_and_keys_override_it()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SlicanCti:ConnectionString"] = "Host=pbx.example;User=202;Password=1234;Tls=true",
            ["SlicanCti:User"] = "203",
        }).Build();

        var options = SlicanCtiServiceCollectionExtensions.BindOptions(configuration.GetSection("SlicanCti"));
        Assert.Equal("pbx.example", options.Host);
        Assert.True(options.UseTls);
        Assert.Equal("203", options.User);
    }

    [Fact]
    public void Incomplete_configuration_is_refused_when_the_client_is_built()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["SlicanCti:User"] = "201" }).Build();
        Assert.ThrowsAny<ArgumentException>(() => SlicanCtiServiceCollectionExtensions.BindOptions(configuration.GetSection("SlicanCti")));
    }
}
