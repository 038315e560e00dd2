using System.IO;

namespace NetDsl.Language.Tests;

/// <summary>The repository root: the nearest folder above the test binaries that holds NetDsl.sln.</summary>
internal static class RepoRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var dir = new DirectoryInfo(System.AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "NetDsl.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("NetDsl.sln not found above " + System.AppContext.BaseDirectory);
    }
}
