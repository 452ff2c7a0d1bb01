namespace SciTransfer.Transfer.Problems;

/// <summary>The run's on-disk cache of pre-trained source models (sources/*.bin), written atomically.</summary>
internal static class SourceCache
{
    public static TSource? Load<TSource>(ProblemInstance<TSource> instance, string? cacheFile)
        where TSource : class
    {
        if (cacheFile is null || !File.Exists(cacheFile))
        {
            return null;
        }

        using var stream = File.OpenRead(cacheFile);
        return instance.LoadSource(stream);
    }

    public static void Save<TSource>(ProblemInstance<TSource> instance, TSource source, string? cacheFile)
        where TSource : class
    {
        if (cacheFile is null || File.Exists(cacheFile))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(cacheFile)!);
        string tmp = cacheFile + ".tmp";
        bool saved;
        using (var stream = File.Create(tmp))
        {
            saved = instance.SaveSource(source, stream);
        }

        if (saved)
        {
            File.Move(tmp, cacheFile, overwrite: true);
        }
        else
        {
            File.Delete(tmp);
        }
    }
}
