using System.ComponentModel;
using System.Diagnostics;
using SciTransfer.Transfer.Errors;

namespace SciTransfer.Transfer.Cluster;

/// <summary>The real <c>sbatch</c>, started without a shell (arguments pass unquoted, spaces and all).</summary>
public sealed class Sbatch : ISbatch
{
    /// <inheritdoc />
    public string Submit(IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var psi = new ProcessStartInfo("sbatch")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("--parsable");
        foreach (string a in arguments)
        {
            psi.ArgumentList.Add(a);
        }

        Process p;
        try
        {
            p = Process.Start(psi)!;
        }
        catch (Win32Exception e)
        {
            throw new ConfigException("command line", "slurm", $"cannot run sbatch ({e.Message}); run this on a Slurm login node, or use --dry-run");
        }

        using (p)
        {
            var stderr = p.StandardError.ReadToEndAsync();
            string stdout = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0)
            {
                throw new ConfigException("command line", "slurm", $"sbatch {ShellQuote.Join(arguments)} failed (exit {p.ExitCode}): {stderr.Result.Trim()}");
            }

            // --parsable prints "JOBID" or "JOBID;CLUSTER".
            string id = stdout.Trim().Split(';')[0];
            if (id.Length == 0 || !id.All(char.IsAsciiDigit))
            {
                throw new ConfigException("command line", "slurm", $"sbatch printed no job id: '{stdout.Trim()}'");
            }

            return id;
        }
    }
}
