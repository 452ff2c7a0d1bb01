namespace SciTransfer.Quantum.Problems;

/// <summary>Finds files the repository ships (datasets/...) from the working directory or the binary's folder upwards.</summary>
internal static class RepositoryFiles
{
    public static string? Find(string relative)
    {
        if (Path.IsPathRooted(relative))
        {
            return File.Exists(relative) ? relative : null;
        }

        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            {
                string p = Path.Combine(d.FullName, relative);
                if (File.Exists(p))
                {
                    return p;
                }
            }
        }

        return null;
    }
}
