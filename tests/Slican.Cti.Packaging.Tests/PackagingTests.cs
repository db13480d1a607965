using System.Text.RegularExpressions;

namespace Slican.Cti.Packaging.Tests;

/// <summary>
/// The packages as a user meets them: what each .nupkg holds, and a console app outside the repository that
/// references them from a local feed, builds and runs the getting-started screen pop against the emulator.
/// </summary>
public sealed partial class PackagingTests(PackedFeed feed) : IClassFixture<PackedFeed>
{
    private const string RepositoryUrl = "https://github.com/slican-cti/slican-cti";

    [Fact]
    public void Every_package_has_readme_licence_docs_symbols_and_metadata()
    {
        Assert.DoesNotMatch(WarningPattern(), feed.PackOutput);
        var packed = Directory.GetFiles(feed.Feed).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        var expected = PackedFeed.Libraries.Append(PackedFeed.Tool)
            .SelectMany(id => new[] { $"{id}.{feed.Version}.nupkg", $"{id}.{feed.Version}.snupkg" })
            .Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, packed);

        foreach (string id in PackedFeed.Libraries)
        {
            var package = PackageContents.Read(feed.PackagePath(id));
            AssertCommonMetadata(id, package);
            var symbols = PackageContents.Read(feed.PackagePath(id, ".snupkg"));
            foreach (string tfm in new[] { "net8.0", "net10.0" })
            {
                Assert.Contains($"lib/{tfm}/{id}.dll", package.Entries);
                Assert.Contains($"lib/{tfm}/{id}.xml", package.Entries);
                Assert.Contains($"lib/{tfm}/{id}.pdb", symbols.Entries);
            }
        }

        // Package-to-package dependencies carry the packed version, not the repository's default one.
        var client = PackageContents.Read(feed.PackagePath("Slican.Cti.Client"));
        var protocolDependencies = client.Element("dependencies")!.Descendants().Where(e => e.Name.LocalName == "dependency" && (string?)e.Attribute("id") == "Slican.Cti.Protocol").ToList();
        Assert.Equal(2, protocolDependencies.Count);
        Assert.All(protocolDependencies, d => Assert.Equal(feed.Version, (string?)d.Attribute("version")));

        var tool = PackageContents.Read(feed.PackagePath(PackedFeed.Tool));
        AssertCommonMetadata(PackedFeed.Tool, tool);
        Assert.Contains("tools/net10.0/any/slican-cti.dll", tool.Entries);
        Assert.Contains("DotnetTool", tool.Element("packageTypes")?.ToString() ?? string.Empty, StringComparison.Ordinal);
        Assert.Contains("tools/net10.0/any/slican-cti.pdb", PackageContents.Read(feed.PackagePath(PackedFeed.Tool, ".snupkg")).Entries);
    }

    [Fact]
    public async Task A_console_app_referencing_the_packages_pops_a_call_from_the_emulator()
    {
        string program = RepositoryFiles.GettingStartedProgram();
        string app = ThrowAwayApp.Write(feed.Root, feed.Feed, feed.Version, program);
        string packages = Path.Combine(feed.Root, "nuget-packages");

        var run = await DotnetCli.RunAsync(
            app,
            ["run", "-c", "Release"],
            new Dictionary<string, string> { ["NUGET_PACKAGES"] = packages },
            timeLimit: TimeSpan.FromMinutes(5));

        Assert.True(run.ExitCode == 0, $"dotnet run exited {run.ExitCode}:\n{run.Output}");
        Assert.Contains("Logged in as 201", run.Output, StringComparison.Ordinal);
        Assert.Contains("Screen pop: 0612345678 is Jan Kowalski, Kowalski Sp. z o.o.", run.Output, StringComparison.Ordinal);

        // The Slican.Cti packages came from the local feed into the private package folder (never the machine's);
        // their dependencies (Polly.Core…) were resolved through the ordinary source or the read-only fallback.
        Assert.True(Directory.Exists(Path.Combine(packages, "slican.cti.client", feed.Version)), "Slican.Cti.Client was not restored from the local feed.");
        Assert.True(Directory.Exists(Path.Combine(packages, "slican.cti.testing", feed.Version)), "Slican.Cti.Testing was not restored from the local feed.");
        string assets = await File.ReadAllTextAsync(Path.Combine(app, "obj", "project.assets.json"));
        Assert.Contains("\"Polly.Core/", assets, StringComparison.Ordinal);
        Assert.Contains($"\"Slican.Cti.Protocol/{feed.Version}\"", assets, StringComparison.Ordinal);
    }

    private void AssertCommonMetadata(string id, PackageContents package)
    {
        Assert.Contains("README.md", package.Entries);
        Assert.Equal("README.md", package.Value("readme"));
        var license = package.Element("license");
        Assert.NotNull(license);
        Assert.Equal("expression", (string?)license.Attribute("type"));
        Assert.Equal("MIT", license.Value);
        Assert.Equal(id, package.Value("id"));
        Assert.Equal(feed.Version, package.Value("version"));
        string description = package.Value("description") ?? string.Empty;
        Assert.True(description.Length > 40 && description != "Package Description", $"{id} has no real description: '{description}'");
        Assert.Contains("slican", package.Value("tags") ?? string.Empty, StringComparison.Ordinal);
        Assert.Equal(RepositoryUrl, (string?)package.Element("repository")?.Attribute("url"));
        Assert.Equal(RepositoryUrl, package.Value("projectUrl"));
    }

    [GeneratedRegex(@"\bwarning\b", RegexOptions.IgnoreCase)]
    private static partial Regex WarningPattern();
}
