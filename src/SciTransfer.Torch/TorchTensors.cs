using TorchSharp;
using Tensor = SciTransfer.Core.Tensors.Tensor;
using TorchTensor = TorchSharp.torch.Tensor;

namespace SciTransfer.Torch;

/// <summary>Copies between our <see cref="Tensor"/> (row-major float64) and torch tensors (float64, CPU, contiguous).</summary>
public static class TorchTensors
{
    /// <summary>A new float64 torch tensor with the same shape and values (a copy).</summary>
    public static TorchTensor ToTorch(Tensor value, bool requiresGrad = false)
    {
        ArgumentNullException.ThrowIfNull(value);
        TorchRuntime.EnsureLoaded();
        var dims = new long[value.Rank];
        for (int i = 0; i < dims.Length; i++)
        {
            dims[i] = value.Dim(i);
        }

        return torch.tensor(value.ToArray(), dims, dtype: torch.float64, requires_grad: requiresGrad);
    }

    /// <summary>A copy of a torch tensor (any float dtype, converted to float64) as our tensor.</summary>
    public static Tensor FromTorch(TorchTensor value)
    {
        ArgumentNullException.ThrowIfNull(value);
        using var d = value.detach().to_type(torch.float64).contiguous();
        var shape = d.shape.Select(s => checked((int)s)).ToArray();
        return Tensor.FromArray(d.data<double>().ToArray(), shape.Length == 0 ? [1] : shape);
    }
}
