using System.Diagnostics;

namespace SciTransfer.Cli.Tests;

/// <summary>Runs the real scitransfer program (the built scitransfer.dll next to the tests) as a child process.</summary>
internal static class CliProcess
{
    /// <summary>
    /// scitransfer.dll next to the tests when its runtimeconfig was copied too, else the Cli project's own
    /// build output of the same configuration (tests/X/bin/CONFIG/TFM -> src/SciTransfer.Cli/bin/CONFIG/TFM).
    /// </summary>
    public static string Dll
    {
        get
        {
            string local = Path.Combine(AppContext.BaseDirectory, "scitransfer.dll");
            if (File.Exists(Path.Combine(AppContext.BaseDirectory, "scitransfer.runtimeconfig.json")))
            {
                return local;
            }

            var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var config = tfm.Parent!;
            string root = config.Parent!.Parent!.Parent!.Parent!.FullName;
            return Path.Combine(root, "src", "SciTransfer.Cli", "bin", config.Name, tfm.Name, "scitransfer.dll");
        }
    }

    public static Process Start(params string[] args) => Start(new Dictionary<string, string>(), args);

    /// <summary>Starts scitransfer with extra environment variables (test hooks).</summary>
    public static Process Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            psi.Environment[name] = value;
        }
        psi.ArgumentList.Add(Dll);
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        return Process.Start(psi)!;
    }

    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        using var p = Start(args);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(300_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("scitransfer did not finish in 5 minutes: " + string.Join(' ', args));
        }

        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}
