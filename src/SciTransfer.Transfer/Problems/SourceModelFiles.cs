namespace SciTransfer.Transfer.Problems;

/// <summary>
/// Where <c>source_model</c> files are read: a reader installed at startup by whoever can read the exchange formats
/// (SciTransfer.Torch's <c>ModelFiles.Install()</c>; the scitransfer command installs a forwarder that loads that
/// assembly only when a file is actually read). The harness itself never references TorchSharp.
/// </summary>
public static class SourceModelFiles
{
    private static Func<string, ExchangeModel>? _reader;

    /// <summary>True once a reader is installed.</summary>
    public static bool HasReader => Volatile.Read(ref _reader) is not null;

    /// <summary>Installs the reader: weights path -> model (throws <see cref="InvalidDataException"/> or <see cref="FileNotFoundException"/> naming the file on bad input).</summary>
    public static void UseReader(Func<string, ExchangeModel> reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        Volatile.Write(ref _reader, reader);
    }

    /// <summary>Reads <paramref name="file"/>; any failure is a config error naming the config, the option and the file.</summary>
    public static ExchangeModel Read(SourceModelFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var reader = Volatile.Read(ref _reader)
            ?? throw file.Error("no model-file reader is installed (the scitransfer command installs one; in code call SciTransfer.Torch.Exchange.ModelFiles.Install() first)");
        try
        {
            return reader(file.Path) with { Origin = file };
        }
        catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException or InvalidOperationException or UnauthorizedAccessException)
        {
            throw file.Error(e.Message);
        }
    }
}
