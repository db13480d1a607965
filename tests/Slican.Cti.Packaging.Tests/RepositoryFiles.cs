namespace Slican.Cti.Packaging.Tests;

/// <summary>Files of the repository this test was built from.</summary>
internal static class RepositoryFiles
{
    /// <summary>The line in docs/getting-started.md right before the screen-pop program's code block.</summary>
    public const string ProgramMarker = "<!-- screen-pop program: tests/Slican.Cti.Packaging.Tests builds and runs this block -->";

    /// <summary>The folder holding Slican.Cti.sln, found upwards from the test's output folder.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The C# code block that follows <see cref="ProgramMarker"/> in docs/getting-started.md.</summary>
    public static string GettingStartedProgram()
    {
        string path = Path.Combine(Root, "docs", "getting-started.md");
        var lines = File.ReadAllLines(path);
        int marker = Array.FindIndex(lines, l => l.Trim() == ProgramMarker);
        if (marker < 0 || marker + 1 >= lines.Length || lines[marker + 1].Trim() != "```csharp")
        {
            throw new InvalidOperationException($"{path} has no ```csharp block right after the line {ProgramMarker}");
        }

        int end = Array.FindIndex(lines, marker + 2, l => l.Trim() == "```");
        if (end < 0)
        {
            throw new InvalidOperationException($"{path}: the screen-pop code block is not closed.");
        }

        return string.Join('\n', lines[(marker + 2)..end]) + "\n";
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Slican.Cti.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Slican.Cti.sln not found above {AppContext.BaseDirectory}.");
    }
}
