using System.Runtime.InteropServices;
using TorchSharp;

namespace SciTransfer.Torch;

/// <summary>
/// Whether libtorch (through TorchSharp's glue library libLibTorchSharp) can be loaded in this process, and
/// why not when it cannot. The first call loads libtorch (~0.5 s); nothing else in SciTransfer touches it.
/// </summary>
public static class TorchRuntime
{
    private static readonly Lazy<string?> Failure = new(Probe, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>True when torch tensors can be created; <paramref name="reason"/> says why not otherwise.</summary>
    public static bool TryLoad(out string reason)
    {
        reason = Failure.Value ?? string.Empty;
        return Failure.Value is null;
    }

    /// <summary>Loads libtorch or throws <see cref="InvalidOperationException"/> naming the reason.</summary>
    public static void EnsureLoaded()
    {
        if (!TryLoad(out var reason))
        {
            throw new InvalidOperationException("TorchSharp: " + reason);
        }
    }

    /// <summary>LibTorch's version string once loaded, e.g. "2.10.0".</summary>
    public static string Version
    {
        get
        {
            EnsureLoaded();
            return torch.__version__;
        }
    }

    private static string? Probe()
    {
        // TorchSharp reports any native load failure as a missing package reference; load the glue library
        // first so the loader's own message (e.g. "version `GLIBCXX_3.4.32' not found") is what we report.
        if (OperatingSystem.IsLinux())
        {
            string? glue = GluePath();
            if (glue is null)
            {
                return $"libLibTorchSharp.so is not in {AppContext.BaseDirectory} (is TorchSharp-cpu restored for linux-x64?)";
            }

            try
            {
                NativeLibrary.Free(NativeLibrary.Load(glue));
            }
            catch (DllNotFoundException e)
            {
                return $"cannot load {glue}: {e.Message} (the build flags missing GLIBCXX versions weak: see docs/core-engine.md, TorchSharp)";
            }
        }

        try
        {
            using var probe = torch.ones(1, dtype: torch.float64);
            return probe.item<double>() == 1.0 ? null : "libtorch returned a wrong value for ones(1)";
        }
        catch (TypeInitializationException e)
        {
            return "TorchSharp failed to initialise: " + (e.InnerException?.Message ?? e.Message);
        }
        catch (NotSupportedException e)
        {
            return "TorchSharp failed to initialise: " + e.Message;
        }
    }

    /// <summary>Path of libLibTorchSharp.so in the application's folder (flat or under runtimes/RID/native).</summary>
    public static string? GluePath()
    {
        string rid = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? "linux-arm64" : "linux-x64";
        string[] candidates =
        [
            Path.Combine(AppContext.BaseDirectory, "runtimes", rid, "native", "libLibTorchSharp.so"),
            Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so"),
        ];
        return candidates.FirstOrDefault(File.Exists);
    }
}
