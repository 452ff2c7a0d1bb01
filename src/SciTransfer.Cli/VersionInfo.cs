using System.Diagnostics;

namespace SciTransfer.Cli;

/// <summary>The version recorded in run.json: the git commit of the working tree when available.</summary>
public static class VersionInfo
{
    /// <summary>"git:&lt;commit&gt;[+dirty]" or the assembly version.</summary>
    public static string Describe()
    {
        string assembly = typeof(VersionInfo).Assembly.GetName().Version?.ToString() ?? "0.0.0";
        try
        {
            string commit = Git("rev-parse HEAD");
            if (commit.Length == 0)
            {
                return assembly;
            }

            bool dirty = Git("status --porcelain --untracked-files=no").Length > 0;
            return $"git:{commit}{(dirty ? "+dirty" : "")}";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return assembly;
        }
        catch (InvalidOperationException)
        {
            return assembly;
        }
    }

    private static string Git(string arguments)
    {
        var psi = new ProcessStartInfo("git", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        using var p = Process.Start(psi)!;
        string output = p.StandardOutput.ReadToEnd().Trim();
        p.WaitForExit(5000);
        return p.ExitCode == 0 ? output : "";
    }
}
