using System.Diagnostics;
using SciTransfer.Transfer.Cluster;
using SciTransfer.Transfer.Errors;

namespace SciTransfer.Transfer.Tests.Cluster;

public class SlurmScriptTests
{
    private static (int Code, string Out, string Err) Bash(string script, IReadOnlyDictionary<string, string>? env = null, params string[] args)
    {
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(script);
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var (k, v) in env ?? new Dictionary<string, string>())
        {
            psi.Environment[k] = v;
        }

        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output, err.Result);
    }

    [Theory]
    [InlineData("plain/path-1.json")]
    [InlineData("/home/a user/my study.json")]
    [InlineData("it's $HOME and `date` and \"quotes\"")]
    [InlineData("")]
    public void Quoted_words_reach_a_program_unchanged_through_bash(string word)
    {
        using var dir = new TempDir();
        string script = dir.File("echo.sh", "printf '%s\\n' " + ShellQuote.Quote(word) + "\n");
        var (code, output, err) = Bash(script);
        Assert.True(code == 0, err);
        Assert.Equal(word + "\n", output);
    }

    [Fact]
    public void Scripts_carry_the_resource_signal_and_requeue_flags()
    {
        var layout = ClusterLayout.Of("/scratch/run");
        var settings = new SlurmSettings("1-02:00:00", "8G", "compute", "proj42", "normal", 4, ["--constraint=avx2"]).Validate();
        var scripts = SlurmScripts.Build(layout, settings, 3, "/scratch/study.json", "/scratch/run/slurm/app/scitransfer");
        Assert.Equal(["cells", "finish", "pretrain"], scripts.Keys.Order(StringComparer.Ordinal));
        foreach (string text in scripts.Values)
        {
            string[] lines = text.Split('\n');
            Assert.Equal("#!/bin/bash", lines[0]);
            foreach (string want in new[] { "#SBATCH --time=1-02:00:00", "#SBATCH --mem=8G", "#SBATCH --partition=compute", "#SBATCH --account=proj42", "#SBATCH --qos=normal", "#SBATCH --constraint=avx2", "#SBATCH --signal=B:TERM@120", "#SBATCH --requeue" })
            {
                Assert.Contains(want, lines);
            }
        }

        Assert.Contains("#SBATCH --cpus-per-task=4", scripts["cells"].Split('\n'));
        Assert.Contains("#SBATCH --cpus-per-task=1", scripts["pretrain"].Split('\n'));

        // Without the flags, no line asks for them (the site's defaults apply).
        string bare = SlurmScripts.Build(layout, new SlurmSettings(), 3, "/s.json", "/app/scitransfer")["cells"];
        Assert.DoesNotContain("--account", bare, StringComparison.Ordinal);
        Assert.DoesNotContain("--time", bare, StringComparison.Ordinal);
    }

    [Fact]
    public void The_jobs_run_the_app_with_each_path_as_one_argument_even_with_spaces()
    {
        // The scripts run under bash with a stand-in app that prints its arguments, one per line.
        using var dir = new TempDir();
        var layout = ClusterLayout.Of(dir.Sub("my run's dir"));
        string appDir = dir.Sub("app dir");
        Directory.CreateDirectory(appDir);
        string app = Path.Combine(appDir, "scitransfer");
        File.WriteAllText(app, "#!/bin/bash\nprintf '%s\\n' \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(app, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        string config = dir.File("a study.json", "{}");
        var paths = SlurmScripts.Write(layout, SlurmScripts.Build(layout, new SlurmSettings(CpusPerTask: 2), 3, config, app));
        var env = new Dictionary<string, string> { ["SLURM_ARRAY_TASK_ID"] = "2" };

        var cells = Bash(paths["cells"], env);
        Assert.True(cells.Code == 0, cells.Err);
        Assert.Equal(
            ["run", config, "--plan", layout.Plan, "--sources", layout.Sources, "--shard", "2/3", "--out", layout.Shard(2), "--threads", "2", "--grace", "60"],
            cells.Out.TrimEnd('\n').Split('\n'));

        var pretrain = Bash(paths["pretrain"], env);
        Assert.Equal(["run", config, "--plan", layout.Plan, "--sources", layout.Sources, "--pretrain-only", "2", "--out", layout.Pretrain(2)], pretrain.Out.TrimEnd('\n').Split('\n'));

        var finish = Bash(paths["finish"], env);
        Assert.Equal(["slurm", "finish", layout.Root], finish.Out.TrimEnd('\n').Split('\n'));
    }

    [Theory]
    [InlineData("2 hours", null, null, "--time")]
    [InlineData(null, "8 GB", null, "--mem")]
    [InlineData(null, null, "proj; rm -rf /", "--account")]
    public void Bad_settings_name_the_flag(string? time, string? mem, string? account, string flag)
    {
        var e = Assert.Throws<ConfigException>(() => new SlurmSettings(time, mem, Account: account).Validate());
        Assert.Contains(flag, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_multi_line_extra_flag_is_refused()
    {
        var e = Assert.Throws<ConfigException>(() => new SlurmSettings(ExtraArgs: ["--x=1\n#SBATCH --y"]).Validate());
        Assert.Contains("--sbatch-arg", e.Message, StringComparison.Ordinal);
    }
}
