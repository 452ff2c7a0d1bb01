using SciTransfer.Quantum.Data;

namespace SciTransfer.Quantum.Tests.Support;

/// <summary>A fact that needs the Fashion-MNIST IDX files of the Debian package dataset-fashion-mnist.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class FashionMnistFactAttribute : FactAttribute
{
    public FashionMnistFactAttribute()
    {
        if (!FashionMnistIdx.IsAvailable(FashionMnistIdx.DefaultDirectory))
        {
            Skip = $"needs Fashion-MNIST in {FashionMnistIdx.DefaultDirectory} (Debian package dataset-fashion-mnist)";
        }
    }
}
