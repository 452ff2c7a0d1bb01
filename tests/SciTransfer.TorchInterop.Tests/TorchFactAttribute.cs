using SciTransfer.Torch;

namespace SciTransfer.TorchInterop.Tests;

/// <summary>A fact that needs libtorch through TorchSharp; skipped with the loader's reason when it cannot load.</summary>
public sealed class TorchFactAttribute : FactAttribute
{
    public TorchFactAttribute()
    {
        if (!TorchRuntime.TryLoad(out var reason))
        {
            Skip = "needs libtorch (TorchSharp-cpu): " + reason;
        }
    }
}
