namespace SciTransfer.Transfer.Bench;

/// <summary>
/// A timed workload for <c>scitransfer bench NAME [--key value ...]</c>. Prints one line per
/// measurement, <c>name key=value ...</c>, in the same form as the peer scripts in shared/peers.
/// </summary>
public interface IBenchWorkload
{
    /// <summary>Workload name on the command line, e.g. "lstm-step".</summary>
    string Name { get; }

    /// <summary>One line for <c>scitransfer list</c>.</summary>
    string Description { get; }

    /// <summary>Option keys (without "--") this workload accepts; others are rejected.</summary>
    IReadOnlyList<string> OptionKeys { get; }

    /// <summary>Runs the measurement and writes its lines to <paramref name="output"/>.</summary>
    void Run(BenchArguments arguments, TextWriter output, CancellationToken cancellationToken);
}
