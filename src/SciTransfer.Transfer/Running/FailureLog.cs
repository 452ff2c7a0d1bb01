using System.Text;
using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Results;
using SciTransfer.Transfer.Tables;

namespace SciTransfer.Transfer.Running;

/// <summary>
/// failures.csv of an output folder: one line per failed cell of the latest run
/// (<c>problem,strategy,n_target,repeat,reason,exception,message</c>; reason is "diverged" or "error"), appended and
/// flushed as cells fail. A rerun starts it afresh, since it retries exactly those cells (and the missing ones).
/// </summary>
internal sealed class FailureLog : IDisposable
{
    public const string FileName = "failures.csv";

    public const string Header = "problem,strategy,n_target,repeat,reason,exception,message";

    private static readonly string[] Columns = Header.Split(',');

    private readonly object _gate = new();
    private readonly string _path;
    private readonly List<(CellFailure Failure, Exception Exception)> _failures = [];
    private FileStream? _stream;

    private FailureLog(string path)
    {
        _path = path;
    }

    public string Path => _path;

    /// <summary>Failures recorded so far, in the order they happened.</summary>
    public IReadOnlyList<CellFailure> Failures
    {
        get
        {
            lock (_gate)
            {
                return [.. _failures.Select(f => f.Failure)];
            }
        }
    }

    /// <summary>The first failure's exception (for its stack trace), or null.</summary>
    public Exception? First
    {
        get
        {
            lock (_gate)
            {
                return _failures.Count > 0 ? _failures[0].Exception : null;
            }
        }
    }

    /// <summary>Removes the previous run's failures.csv of <paramref name="dir"/> and returns an empty log.</summary>
    public static FailureLog Start(string dir)
    {
        string path = System.IO.Path.Combine(dir, FileName);
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (OutputException.IsIoFault(e))
        {
            throw OutputException.From(path, e);
        }

        return new FailureLog(path);
    }

    /// <summary>Records a failed cell (the file is created on the first failure).</summary>
    public CellFailure Record(CellKey cell, Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        string message = e.Message.ReplaceLineEndings(" ");
        var failure = new CellFailure(cell.ToString(), e is DivergedException ? "diverged" : "error", e.GetType().Name, message);
        string line = CsvTableWriter.Format(null, w =>
        {
            w.Text(cell.Problem).Text(cell.Strategy).Integer(cell.NTarget).Integer(cell.Repeat)
                .Text(failure.Reason).Text(failure.ExceptionType).Text(message);
            w.EndRow();
        }, Columns.Length);
        lock (_gate)
        {
            _failures.Add((failure, e));
            try
            {
                if (_stream is null)
                {
                    _stream = new FileStream(_path, FileMode.Create, FileAccess.Write, FileShare.Read);
                    _stream.Write(Encoding.UTF8.GetBytes(CsvTableWriter.Format(Columns, _ => { })));
                }

                _stream.Write(Encoding.UTF8.GetBytes(line));
                _stream.Flush(flushToDisk: true);
            }
            catch (Exception io) when (OutputException.IsIoFault(io))
            {
                throw OutputException.From(_path, io);
            }
        }

        return failure;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _stream?.Dispose();
            _stream = null;
        }
    }
}
