using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using SciTransfer.Transfer.Errors;

namespace SciTransfer.Transfer.Problems;

/// <summary>
/// The run's on-disk cache of pre-trained source models (sources/*.bin), written atomically. Each file is a header
/// then the instance's payload (<see cref="ProblemInstance{TSource}.SaveSource"/>):
/// <c>"SCTSRC\r\n"</c> (8 bytes), format version (int32 LE), model kind length (int32 LE) and the kind (UTF-8: the
/// instance and model types), payload length (int64 LE), SHA-256 of the payload (32 bytes). A file whose header,
/// version, kind, length or checksum does not match, or whose payload the instance cannot read, is damaged or stale:
/// it is named in a warning, moved aside to <c>*.bin.damaged</c> and the model is retrained.
/// </summary>
internal static class SourceCache
{
    /// <summary>Version of the cache file layout; a file of another version is stale.</summary>
    public const int FormatVersion = 2;

    private static readonly byte[] Magic = "SCTSRC\r\n"u8.ToArray();

    public static TSource? Load<TSource>(ProblemInstance<TSource> instance, string? cacheFile, Action<string>? warn)
        where TSource : class
    {
        if (cacheFile is null || !File.Exists(cacheFile))
        {
            return null;
        }

        byte[] bytes = File.ReadAllBytes(cacheFile);
        string? why = Check(bytes, Kind(instance), out int payloadStart);
        if (why is null)
        {
            try
            {
                using var payload = new MemoryStream(bytes, payloadStart, bytes.Length - payloadStart, writable: false);
                return instance.LoadSource(payload);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                why = $"the model could not be read ({e.GetType().Name}: {e.Message})";
            }
        }

        string aside = cacheFile + ".damaged";
        try
        {
            File.Move(cacheFile, aside, overwrite: true);
        }
        catch (Exception e) when (OutputException.IsIoFault(e))
        {
            throw OutputException.From(aside, e);
        }

        warn?.Invoke($"source cache {cacheFile} is damaged or stale ({why}); moved it to {Path.GetFileName(aside)} and retraining the source model");
        return null;
    }

    /// <summary>Reads a cache file without changing it (export): the model, or null and why not.</summary>
    public static TSource? Read<TSource>(ProblemInstance<TSource> instance, string cacheFile, out string? why)
        where TSource : class
    {
        if (!File.Exists(cacheFile))
        {
            why = "no such file";
            return null;
        }

        byte[] bytes = File.ReadAllBytes(cacheFile);
        why = Check(bytes, Kind(instance), out int payloadStart);
        if (why is not null)
        {
            return null;
        }

        try
        {
            using var payload = new MemoryStream(bytes, payloadStart, bytes.Length - payloadStart, writable: false);
            var model = instance.LoadSource(payload);
            why = model is null ? "the problem does not cache its source model" : null;
            return model;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            why = $"the model could not be read ({e.GetType().Name}: {e.Message})";
            return null;
        }
    }

    public static void Save<TSource>(ProblemInstance<TSource> instance, TSource source, string? cacheFile)
        where TSource : class
    {
        if (cacheFile is null || File.Exists(cacheFile))
        {
            return;
        }

        using var payload = new MemoryStream();
        if (!instance.SaveSource(source, payload))
        {
            return;
        }

        // The pid keeps concurrent writers (cluster jobs sharing one sources/ folder) off each other's temporary file;
        // the move is atomic, so a reader sees a whole file from one of them.
        string tmp = $"{cacheFile}.{Environment.ProcessId}.tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(cacheFile)!);
            using (var stream = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                stream.Write(Header(Kind(instance), payload.GetBuffer().AsSpan(0, (int)payload.Length)));
                stream.Write(payload.GetBuffer(), 0, (int)payload.Length);
                stream.Flush(flushToDisk: true);
            }

            File.Move(tmp, cacheFile, overwrite: true);
        }
        catch (Exception e) when (OutputException.IsIoFault(e))
        {
            TryDelete(tmp);
            throw OutputException.From(cacheFile, e);
        }
    }

    /// <summary>The header of a cache file holding <paramref name="payload"/>.</summary>
    internal static byte[] Header(string kind, ReadOnlySpan<byte> payload)
    {
        byte[] kindBytes = Encoding.UTF8.GetBytes(kind);
        var header = new byte[Magic.Length + 4 + 4 + kindBytes.Length + 8 + 32];
        var span = header.AsSpan();
        Magic.CopyTo(span);
        int at = Magic.Length;
        BinaryPrimitives.WriteInt32LittleEndian(span[at..], FormatVersion);
        BinaryPrimitives.WriteInt32LittleEndian(span[(at + 4)..], kindBytes.Length);
        kindBytes.CopyTo(span[(at + 8)..]);
        at += 8 + kindBytes.Length;
        BinaryPrimitives.WriteInt64LittleEndian(span[at..], payload.Length);
        SHA256.HashData(payload, span[(at + 8)..]);
        return header;
    }

    /// <summary>Null when <paramref name="bytes"/> is an intact cache file of <paramref name="kind"/>, else why not.</summary>
    internal static string? Check(byte[] bytes, string kind, out int payloadStart)
    {
        payloadStart = 0;
        var span = bytes.AsSpan();
        if (span.Length < Magic.Length + 8 || !span[..Magic.Length].SequenceEqual(Magic))
        {
            return "no cache header: written by an older version or not a cache file";
        }

        int at = Magic.Length;
        int version = BinaryPrimitives.ReadInt32LittleEndian(span[at..]);
        if (version != FormatVersion)
        {
            return $"format version {version}, expected {FormatVersion}";
        }

        int kindLength = BinaryPrimitives.ReadInt32LittleEndian(span[(at + 4)..]);
        at += 8;
        if (kindLength < 0 || kindLength > span.Length - at - 40)
        {
            return "cut off in the header";
        }

        string found = Encoding.UTF8.GetString(span.Slice(at, kindLength));
        if (found != kind)
        {
            return $"holds a model of kind '{found}', expected '{kind}'";
        }

        at += kindLength;
        long length = BinaryPrimitives.ReadInt64LittleEndian(span[at..]);
        var checksum = span.Slice(at + 8, 32);
        at += 40;
        if (length != span.Length - at)
        {
            return $"payload of {span.Length - at} bytes, the header says {length}: cut off or appended to";
        }

        Span<byte> actual = stackalloc byte[32];
        SHA256.HashData(span[at..], actual);
        if (!actual.SequenceEqual(checksum))
        {
            return "checksum mismatch";
        }

        payloadStart = at;
        return null;
    }

    private static string Kind<TSource>(ProblemInstance<TSource> instance)
        where TSource : class => $"{instance.GetType().FullName}|{typeof(TSource).FullName}";

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // the .tmp is overwritten by the next save
        }
        catch (UnauthorizedAccessException)
        {
            // as above
        }
    }
}
