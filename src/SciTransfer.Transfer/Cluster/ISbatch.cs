namespace SciTransfer.Transfer.Cluster;

/// <summary>Submits a batch job; <see cref="Sbatch"/> runs the real program, tests use a fake.</summary>
public interface ISbatch
{
    /// <summary>Runs <c>sbatch --parsable ARGS</c> and returns the job id it prints.</summary>
    /// <exception cref="Errors.ConfigException">sbatch is missing or refused the job (its message quoted).</exception>
    string Submit(IReadOnlyList<string> arguments);
}
