using System.Globalization;
using System.Reflection;

namespace Slican.Cti.Packaging.Tests;

/// <summary>
/// Packs every package of the repository once per test run into a temporary local feed, with a version of its own
/// (<c>0.0.0-test.&lt;timestamp&gt;</c>) so that no package cache can serve an older build under the same version.
/// Packing uses the build output of this test's configuration (<c>--no-build</c>; the test project builds every
/// package for every target framework), so it takes seconds, not a rebuild. Everything lives under one temporary
/// folder outside the repository, deleted afterwards.
/// </summary>
public sealed class PackedFeed : IAsyncLifetime
{
    /// <summary>Every package the repository ships: the libraries (net8.0 and net10.0) and the dotnet tool.</summary>
    public static readonly string[] Libraries =
    [
        "Slican.Cti.Protocol", "Slican.Cti.Client", "Slican.Cti.Testing", "Slican.Cti.Voip", "Slican.Cti.Doorphone",
        "Slican.Cti.Extensions.DependencyInjection",
    ];

    public const string Tool = "Slican.Cti.Cli";

    public PackedFeed()
    {
        Root = Directory.CreateTempSubdirectory("slican-cti-packaging-").FullName;
        Feed = Directory.CreateDirectory(Path.Combine(Root, "feed")).FullName;
        Version = "0.0.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
    }

    /// <summary>The temporary folder (outside the repository) holding the feed and the throw-away app.</summary>
    public string Root { get; }

    public string Feed { get; }

    public string Version { get; }

    /// <summary>The build configuration this test assembly was built in, whose package build output is packed.</summary>
    public static string Configuration { get; } =
        typeof(PackedFeed).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    /// <summary>What <c>dotnet pack</c> printed (checked for warnings).</summary>
    public string PackOutput { get; private set; } = string.Empty;

    public string PackagePath(string id, string extension = ".nupkg") => Path.Combine(Feed, $"{id}.{Version}{extension}");

    public async Task InitializeAsync()
    {
        var pack = await DotnetCli.RunAsync(
            RepositoryFiles.Root,
            ["pack", Path.Combine("eng", "Packages.slnf"), "-c", Configuration, "--no-build", "--no-restore", "-o", Feed, $"-p:Version={Version}", "-nologo"],
            environment: null,
            timeLimit: TimeSpan.FromMinutes(5));
        pack.EnsureSuccess("dotnet pack");
        PackOutput = pack.Output;
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open (a virus scanner, a lingering build node) must not fail the run; it is in /tmp.
        }
        catch (UnauthorizedAccessException)
        {
        }

        return Task.CompletedTask;
    }
}
