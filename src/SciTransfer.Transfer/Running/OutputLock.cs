using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using SciTransfer.Transfer.Errors;

namespace SciTransfer.Transfer.Running;

/// <summary>
/// An exclusive lock on an output folder, held by `run`, `merge --out` and `report` while they write it, so two
/// processes never interleave their rows. It is an operating-system byte-range lock (fcntl on Linux, LockFileEx on
/// Windows) on <c>.lock</c> in the folder: the kernel drops it when the process ends however it ends, so a crashed run
/// never leaves a stale lock. The holder writes its pid, host, start time and command into the file, so a second
/// process can say who holds the folder. (A byte-range lock rather than FileShare.None, so the second process can
/// still open the file and read who holds it; byte-range locks also work across nodes on NFS.)
/// </summary>
public sealed class OutputLock : IDisposable
{
    /// <summary>Name of the lock file inside the output folder.</summary>
    public const string FileName = ".lock";

    // The locked byte lies far beyond the holder text, so reading the text never touches the locked range.
    private const long LockOffset = 1L << 40;

    // fcntl locks belong to a process, not to a file handle: a second Acquire in this process would succeed at the
    // OS level, so folders held by this process are tracked here as well.
    // A thread that holds a folder may acquire it again (a merge that then rebuilds the report): the inner lock is
    // a no-op.
    private static readonly ConcurrentDictionary<string, (string Holder, int Thread)> HeldHere = new(StringComparer.Ordinal);

    private readonly string _folder;
    private FileStream? _stream;

    private OutputLock(string folder, FileStream? stream)
    {
        _folder = folder;
        _stream = stream;
    }

    /// <summary>
    /// Locks <paramref name="directory"/> (created when missing) for <paramref name="command"/>; a folder held by another
    /// process (or another call in this one) is a <see cref="ConfigException"/> (exit 1) naming the holder.
    /// </summary>
    /// <param name="directory">The output folder.</param>
    /// <param name="command">The command, named to a second process ("run", "merge", "report").</param>
    /// <param name="create">False to refuse a missing folder instead of creating it.</param>
    public static OutputLock Acquire(string directory, string command, bool create = true)
    {
        ArgumentNullException.ThrowIfNull(directory);
        string folder = Path.GetFullPath(directory);
        if (!create && !Directory.Exists(folder))
        {
            throw new ConfigException(folder, "output folder", "does not exist");
        }

        string path = Path.Combine(folder, FileName);
        string holder = string.Create(
            CultureInfo.InvariantCulture,
            $"pid {Environment.ProcessId} on host {Environment.MachineName}, started {DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ} (scitransfer {command})");
        int thread = Environment.CurrentManagedThreadId;
        if (!HeldHere.TryAdd(folder, (holder, thread)))
        {
            if (HeldHere.TryGetValue(folder, out var held) && held.Thread == thread)
            {
                return new OutputLock(folder, null);
            }

            throw Locked(folder, held.Holder ?? "this process");
        }

        FileStream? stream = null;
        try
        {
            try
            {
                Directory.CreateDirectory(folder);
                // macOS has no byte-range locks in .NET: there the whole file is opened exclusively (flock), and a
                // second process learns only that the folder is taken.
                stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, OperatingSystem.IsMacOS() ? FileShare.None : FileShare.ReadWrite | FileShare.Delete);
            }
            catch (Exception e) when (OutputException.IsIoFault(e))
            {
                // A sharing violation when opening means another process holds the file exclusively.
                throw e is IOException && IsLockConflict(e) ? Locked(folder, "another process") : OutputException.From(path, e);
            }

            try
            {
                if (!OperatingSystem.IsMacOS())
                {
                    stream.Lock(LockOffset, 1);
                }
            }
            catch (IOException e) when (IsLockConflict(e))
            {
                throw Locked(folder, ReadHolder(stream));
            }
            catch (Exception e) when (OutputException.IsIoFault(e))
            {
                throw OutputException.From(path, e);
            }

            try
            {
                byte[] text = Encoding.UTF8.GetBytes(holder + "\n");
                stream.SetLength(0);
                stream.Write(text);
                stream.Flush(flushToDisk: true);
            }
            catch (Exception e) when (OutputException.IsIoFault(e))
            {
                throw OutputException.From(path, e);
            }

            var result = new OutputLock(folder, stream);
            stream = null;
            return result;
        }
        catch
        {
            stream?.Dispose();
            HeldHere.TryRemove(folder, out _);
            throw;
        }
    }

    /// <summary>Releases the lock (the file stays, emptied; the kernel also releases it if the process dies).</summary>
    public void Dispose()
    {
        var stream = Interlocked.Exchange(ref _stream, null);
        if (stream is null)
        {
            return; // a nested acquisition, or already released
        }

        try
        {
            stream.SetLength(0);
            if (!OperatingSystem.IsMacOS())
            {
                stream.Unlock(LockOffset, 1);
            }

        }
        catch (IOException)
        {
            // closing the handle below releases the lock anyway
        }
        catch (UnauthorizedAccessException)
        {
            // as above
        }

        stream.Dispose();
        HeldHere.TryRemove(_folder, out _);
    }

    private static ConfigException Locked(string folder, string holder) =>
        new(folder, "output folder", $"in use by {holder}; wait for it to end or choose another folder");

    /// <summary>EAGAIN / EACCES (Linux, macOS) or ERROR_LOCK_VIOLATION / ERROR_SHARING_VIOLATION (Windows).</summary>
    private static bool IsLockConflict(Exception e) =>
        (e.HResult & 0xFFFF) is 11 or 13 or 35 or 32 or 33;

    private static string ReadHolder(FileStream stream)
    {
        try
        {
            stream.Position = 0;
            var buffer = new byte[4096];
            int n = stream.Read(buffer);
            string text = Encoding.UTF8.GetString(buffer, 0, n).Trim();
            return text.Length > 0 ? text : "another process";
        }
        catch (IOException)
        {
            return "another process";
        }
    }
}
