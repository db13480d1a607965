using System.IO.Compression;
using System.Xml.Linq;

namespace Slican.Cti.Packaging.Tests;

/// <summary>What a <c>.nupkg</c> (or <c>.snupkg</c>) holds: its entry names and its nuspec.</summary>
internal sealed class PackageContents
{
    private PackageContents(string path, IReadOnlySet<string> entries, XElement? metadata)
    {
        Path = path;
        Entries = entries;
        Metadata = metadata;
    }

    public string Path { get; }

    /// <summary>Entry names with forward slashes, as stored in the zip.</summary>
    public IReadOnlySet<string> Entries { get; }

    /// <summary>The nuspec's <c>metadata</c> element (null for a symbol package without one).</summary>
    public XElement? Metadata { get; }

    public static PackageContents Read(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        XElement? metadata = null;
        var nuspec = zip.Entries.FirstOrDefault(e => !e.FullName.Contains('/', StringComparison.Ordinal) && e.FullName.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase));
        if (nuspec is not null)
        {
            using var stream = nuspec.Open();
            metadata = XDocument.Load(stream).Root?.Elements().FirstOrDefault(e => e.Name.LocalName == "metadata");
        }

        return new PackageContents(path, entries, metadata);
    }

    /// <summary>The text of a nuspec metadata element (namespace-agnostic), or null.</summary>
    public string? Value(string name) => Element(name)?.Value;

    public XElement? Element(string name) => Metadata?.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    public override string ToString() => $"{System.IO.Path.GetFileName(Path)}: {string.Join(", ", Entries.Order(StringComparer.Ordinal))}";
}
