namespace SciTransfer.Quantum.Tests.Support;

/// <summary>Finds files of the repository from the test binary's folder.</summary>
internal static class RepoPaths
{
    public static string? Root { get; } = FindRoot();

    public static string? Find(string relative)
    {
        if (Root is null)
        {
            return null;
        }

        string p = Path.Combine(Root, relative);
        return File.Exists(p) || Directory.Exists(p) ? p : null;
    }

    public static string? FindOnPath(string exe)
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string p = Path.Combine(dir, exe);
            if (File.Exists(p))
            {
                return p;
            }
        }

        return null;
    }

    private static string? FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "SciTransfer.sln")))
            {
                return d.FullName;
            }
        }

        return null;
    }
}
