using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace SciTransfer.TorchInterop.Tests;

/// <summary>Debian's python3-torch (/usr/bin/python3, installed by scripts/setup.sh --tests when root) running python/exchange.py.</summary>
internal static class PythonTorch
{
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<string?> Missing = new(() =>
    {
        if (!File.Exists(Python))
        {
            return $"{Python} is absent";
        }

        var (code, output, error) = Run("-c", "import torch; print(torch.__version__)");
        return code == 0 ? null : $"{Python} cannot import torch (Debian package python3-torch): {error.Trim()} {output.Trim()}";
    });

    public static string? WhyUnavailable => Missing.Value;

    public static string Script => Path.Combine(AppContext.BaseDirectory, "python", "exchange.py");

    public static (int Code, string Output, string Error) Run(params string[] args)
    {
        var psi = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["OMP_NUM_THREADS"] = "1";
        using var p = Process.Start(psi)!;
        var o = p.StandardOutput.ReadToEndAsync();
        var e = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("python did not finish in 2 minutes: " + string.Join(' ', args));
        }

        return (p.ExitCode, o.Result, e.Result);
    }

    /// <summary>Runs exchange.py and returns the predictions it wrote.</summary>
    public static double[] Exchange(string outFile, params string[] args)
    {
        var (code, output, error) = Run([Script, .. args]);
        Assert.True(code == 0, $"exchange.py {string.Join(' ', args)} failed ({code}): {error}{output}");
        return JsonSerializer.Deserialize<double[]>(File.ReadAllText(outFile))!;
    }

    public static string Invariant(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>A theory that needs python3-torch and libtorch; skipped with the reason otherwise.</summary>
public sealed class PythonTorchTheoryAttribute : TheoryAttribute
{
    public PythonTorchTheoryAttribute()
    {
        if (PythonTorch.WhyUnavailable is { } why)
        {
            Skip = "needs PyTorch: " + why;
        }
        else if (!SciTransfer.Torch.TorchRuntime.TryLoad(out var reason))
        {
            Skip = "needs libtorch (TorchSharp-cpu): " + reason;
        }
    }
}
