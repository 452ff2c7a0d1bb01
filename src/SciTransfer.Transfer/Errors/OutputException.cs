namespace SciTransfer.Transfer.Errors;

/// <summary>
/// An output file or folder could not be written (read-only folder, permission denied, full disk; exit code 4).
/// The message is one line naming the path and the operating system's reason.
/// </summary>
public sealed class OutputException : Exception
{
    /// <summary>Creates the error; the message reads "cannot write PATH: REASON".</summary>
    public OutputException(string path, string reason, Exception? inner = null)
        : base($"cannot write {path}: {reason}", inner)
    {
        Path = path;
        Reason = reason;
    }

    /// <summary>The file or folder that could not be written.</summary>
    public string Path { get; }

    /// <summary>The operating system's reason ("Permission denied", "No space left on device").</summary>
    public string Reason { get; }

    /// <summary>True for the exceptions an I/O fault raises (<see cref="IOException"/>, <see cref="UnauthorizedAccessException"/>).</summary>
    public static bool IsIoFault(Exception e) => e is IOException or UnauthorizedAccessException;

    /// <summary>Wraps an I/O fault met while writing <paramref name="path"/>.</summary>
    public static OutputException From(string path, Exception fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        return new OutputException(path, Reason_(fault), fault);
    }

    /// <summary>
    /// The operating system's reason of an I/O fault: an access-denied fault carries it as its inner exception
    /// ("Permission denied", "Read-only file system"); other faults say it first ("No space left on device : 'path'").
    /// </summary>
    private static string Reason_(Exception fault)
    {
        string text = fault is UnauthorizedAccessException && fault.InnerException is { } inner ? inner.Message : fault.Message;
        int cut = text.IndexOf(" : '", StringComparison.Ordinal);
        text = cut > 0 ? text[..cut] : text;
        return text.ReplaceLineEndings(" ").Trim().TrimEnd('.');
    }
}
