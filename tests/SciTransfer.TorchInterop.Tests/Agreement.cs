using SciTransfer.Core.Random;
using SciTransfer.Torch;
using Tensor = SciTransfer.Core.Tensors.Tensor;
using TorchTensor = TorchSharp.torch.Tensor;

namespace SciTransfer.TorchInterop.Tests;

/// <summary>Comparisons between our tensors and libtorch's: norm-wise relative error max|a - b| / max|b|.</summary>
internal static class Agreement
{
    public static double RelativeError(ReadOnlySpan<double> ours, ReadOnlySpan<double> reference)
    {
        Assert.Equal(reference.Length, ours.Length);
        double diff = 0, scale = 0;
        for (int i = 0; i < ours.Length; i++)
        {
            diff = Math.Max(diff, Math.Abs(ours[i] - reference[i]));
            scale = Math.Max(scale, Math.Abs(reference[i]));
        }

        return scale == 0 ? diff : diff / scale;
    }

    /// <summary>Asserts same shape and relative error at most <paramref name="tolerance"/>; the reference must not be all zeros.</summary>
    public static void Close(Tensor ours, TorchTensor torchValue, double tolerance, string what)
    {
        var reference = TorchTensors.FromTorch(torchValue);
        Assert.True(ours.Shape.SequenceEqual(reference.Shape), $"{what}: shape {ours.ShapeText} vs torch {reference.ShapeText}");
        Assert.True(reference.Span.ToArray().Any(v => v != 0), $"{what}: torch's value is all zeros, the comparison would prove nothing");
        double err = RelativeError(ours.Span, reference.Span);
        Assert.True(err <= tolerance, $"{what}: relative error {err:E2} > {tolerance:E0}");
    }

    public static Tensor Random(Rng rng, params int[] shape)
    {
        var t = new Tensor(shape);
        rng.FillUniform(t.Span, -1, 1);
        return t;
    }
}
