using System.Globalization;
using System.Text.RegularExpressions;
using SciTransfer.Transfer.Errors;

namespace SciTransfer.Transfer.Cluster;

/// <summary>
/// What the batch scripts ask of Slurm: the site's resource flags (most sites reject a job without an account or a
/// time limit) and any extra sbatch flags, each written as an <c>#SBATCH</c> line. Null: the flag is left out and
/// the site's default applies.
/// </summary>
/// <param name="Time">--time of every job: minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS.</param>
/// <param name="Mem">--mem per job: a number with an optional K/M/G/T suffix (MB without).</param>
/// <param name="Partition">--partition.</param>
/// <param name="Account">--account.</param>
/// <param name="Qos">--qos.</param>
/// <param name="CpusPerTask">--cpus-per-task of a shard, and its --threads (cells run in parallel).</param>
/// <param name="ExtraArgs">Further sbatch flags, each as written (e.g. "--constraint=avx2").</param>
public sealed record SlurmSettings(
    string? Time = null,
    string? Mem = null,
    string? Partition = null,
    string? Account = null,
    string? Qos = null,
    int CpusPerTask = 1,
    IReadOnlyList<string>? ExtraArgs = null)
{
    /// <summary>Seconds before the time limit at which Slurm sends SIGTERM to a job's batch shell.</summary>
    public const int SignalLeadSeconds = 120;

    /// <summary>Seconds a shard's running cells get after SIGTERM before they are abandoned (well inside the lead).</summary>
    public const int GraceSeconds = 60;

    /// <summary>Checks every value; a <see cref="ConfigException"/> names the flag and what is wrong.</summary>
    public SlurmSettings Validate()
    {
        if (Time is not null && !Regex.IsMatch(Time, @"^(\d+-\d{1,2}(:\d{1,2}){0,2}|\d+(:\d{1,2}){0,2})$", RegexOptions.CultureInvariant))
        {
            throw new ConfigException("command line", "--time", $"expected minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS, found '{Time}'");
        }

        if (Mem is not null && !Regex.IsMatch(Mem, @"^\d+[KMGT]?$", RegexOptions.CultureInvariant))
        {
            throw new ConfigException("command line", "--mem", $"expected a number with an optional K, M, G or T suffix (e.g. 4G), found '{Mem}'");
        }

        foreach (var (flag, value) in new[] { ("--partition", Partition), ("--account", Account), ("--qos", Qos) })
        {
            if (value is not null && !Regex.IsMatch(value, @"^[A-Za-z0-9_.,\-]+$", RegexOptions.CultureInvariant))
            {
                throw new ConfigException("command line", flag, $"expected a name (letters, digits, _ . , -), found '{value}'");
            }
        }

        if (CpusPerTask < 1 || CpusPerTask > 1024)
        {
            throw new ConfigException("command line", "--cpus-per-task", string.Create(CultureInfo.InvariantCulture, $"expected 1 to 1024, found {CpusPerTask}"));
        }

        foreach (string a in ExtraArgs ?? [])
        {
            if (!a.StartsWith('-') || a.Contains('\n', StringComparison.Ordinal) || a.Contains('\r', StringComparison.Ordinal))
            {
                throw new ConfigException("command line", "--sbatch-arg", $"expected one sbatch flag starting with '-' on one line, found '{a}'");
            }
        }

        return this;
    }

    /// <summary>The <c>#SBATCH</c> lines for these settings (without the job name, array and output).</summary>
    /// <param name="cpus">CPUs of this job (shards: <see cref="CpusPerTask"/>; pre-training and finish: 1).</param>
    public IEnumerable<string> Directives(int cpus)
    {
        yield return string.Create(CultureInfo.InvariantCulture, $"#SBATCH --cpus-per-task={cpus}");
        if (Time is not null)
        {
            yield return $"#SBATCH --time={Time}";
        }

        if (Mem is not null)
        {
            yield return $"#SBATCH --mem={Mem}";
        }

        if (Partition is not null)
        {
            yield return $"#SBATCH --partition={Partition}";
        }

        if (Account is not null)
        {
            yield return $"#SBATCH --account={Account}";
        }

        if (Qos is not null)
        {
            yield return $"#SBATCH --qos={Qos}";
        }

        foreach (string a in ExtraArgs ?? [])
        {
            yield return $"#SBATCH {a}";
        }
    }
}
