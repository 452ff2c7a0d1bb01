using System.Runtime.InteropServices;

namespace SciTransfer.Cli;

/// <summary>
/// SIGINT (Ctrl-C) and SIGTERM during a run. The first signal cancels <see cref="Token"/>, so the runner starts no
/// further cell, lets running cells finish within the grace period, saves and exits with 130 (SIGINT) or 143
/// (SIGTERM). A second signal exits at once with that code, after showing the terminal cursor again.
/// </summary>
public sealed class SignalHandler : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private readonly List<PosixSignalRegistration> _registrations = [];
    private readonly TextWriter _error;
    private int _signals;
    private int _exitCode = ExitCodes.Interrupted;

    /// <summary>Handles SIGINT and SIGTERM until disposed; messages go to <paramref name="error"/>.</summary>
    public SignalHandler(TextWriter error, TimeSpan grace)
    {
        _error = error;
        Grace = grace;
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle));
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle));
    }

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => _cts.Token;

    /// <summary>How long running cells may take to finish after the first signal.</summary>
    public TimeSpan Grace { get; }

    /// <summary>130 after SIGINT, 143 after SIGTERM (130 when no signal came).</summary>
    public int ExitCode => Volatile.Read(ref _exitCode);

    /// <summary>Shows the terminal cursor (a live progress bar hides it) when the output is a terminal.</summary>
    public static void RestoreCursor()
    {
        if (!Console.IsOutputRedirected)
        {
            Console.Out.Write("\u001b[?25h");
            Console.Out.Flush();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var r in _registrations)
        {
            r.Dispose();
        }

        _cts.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        context.Cancel = true; // the run ends itself, saving first
        int code = context.Signal == PosixSignal.SIGTERM ? ExitCodes.Terminated : ExitCodes.Interrupted;
        if (Interlocked.Increment(ref _signals) == 1)
        {
            Volatile.Write(ref _exitCode, code);
            _error.WriteLine($"{(code == ExitCodes.Terminated ? "SIGTERM" : "interrupt")}: starting no further cell; running cells get {Grace.TotalSeconds:0.#} s to finish (signal again to exit at once)");
            _error.Flush();
            _cts.Cancel();
            return;
        }

        RestoreCursor();
        _error.WriteLine("second signal: exiting at once; cells saved so far stay in results.csv, rerun the same command to resume");
        _error.Flush();
        Environment.Exit(code);
    }
}
