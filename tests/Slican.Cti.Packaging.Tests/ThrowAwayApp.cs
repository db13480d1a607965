using System.Xml.Linq;

namespace Slican.Cti.Packaging.Tests;

/// <summary>
/// A console app outside the repository that references the packed packages the way a user's app does: a
/// nuget.config whose sources are the local feed and the repository's usual source(s), and a private package folder.
/// Empty Directory.Build.props/.targets and Directory.Packages.props in its root stop MSBuild from picking up any
/// such file further up (the repository's, or one a machine has in /tmp).
/// </summary>
internal static class ThrowAwayApp
{
    public static string Write(string root, string feed, string version, string program)
    {
        foreach (string name in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            File.WriteAllText(Path.Combine(root, name), "<Project />\n");
        }

        new XDocument(NuGetConfig(feed)).Save(Path.Combine(root, "nuget.config"));

        string app = Directory.CreateDirectory(Path.Combine(root, "ScreenPop")).FullName;
        File.WriteAllText(Path.Combine(app, "ScreenPop.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Slican.Cti.Client" Version="{version}" />
                <PackageReference Include="Slican.Cti.Testing" Version="{version}" />
              </ItemGroup>
            </Project>

            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), program);
        return app;
    }

    /// <summary>
    /// The local feed first, then the sources of the repository's nuget.config (so Polly.Core and the other
    /// dependencies resolve as they would for a user), with Slican.Cti.* mapped to the local feed only. The machine's
    /// global package folder, if any, is a read-only fallback: nothing is written to it, and nothing already there
    /// has to be downloaded again.
    /// </summary>
    private static XElement NuGetConfig(string feed)
    {
        var repoConfig = XDocument.Load(Path.Combine(RepositoryFiles.Root, "nuget.config"));
        var repoSources = repoConfig.Root!.Element("packageSources")!.Elements("add")
            .Select(e => (Key: (string)e.Attribute("key")!, Value: (string)e.Attribute("value")!))
            .Select(s => s with { Value = Uri.TryCreate(s.Value, UriKind.Absolute, out _) ? s.Value : Path.GetFullPath(s.Value, RepositoryFiles.Root) })
            .ToList();
        if (repoSources.Count == 0)
        {
            throw new InvalidOperationException("The repository's nuget.config lists no package source.");
        }

        var sources = new XElement("packageSources", new XElement("clear"), new XElement("add", new XAttribute("key", "slican-cti-local"), new XAttribute("value", feed)));
        var mapping = new XElement("packageSourceMapping",
            new XElement("packageSource", new XAttribute("key", "slican-cti-local"), new XElement("package", new XAttribute("pattern", "Slican.Cti.*"))));
        foreach (var (key, value) in repoSources)
        {
            sources.Add(new XElement("add", new XAttribute("key", key), new XAttribute("value", value)));
            mapping.Add(new XElement("packageSource", new XAttribute("key", key), new XElement("package", new XAttribute("pattern", "*"))));
        }

        var config = new XElement("configuration", sources, mapping);
        string globalPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        if (Directory.Exists(globalPackages))
        {
            config.Add(new XElement("fallbackPackageFolders", new XElement("clear"), new XElement("add", new XAttribute("key", "machine"), new XAttribute("value", globalPackages))));
        }

        return config;
    }
}
