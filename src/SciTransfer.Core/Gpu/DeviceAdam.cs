using ILGPU;
using ILGPU.Runtime;

namespace SciTransfer.Core.Gpu;

/// <summary>
/// Adam (Kingma &amp; Ba 2015) on an ILGPU accelerator over ONE flat parameter buffer of length
/// <see cref="Count"/>, the same update as <see cref="Optim.Adam"/> (bias correction, decoupled weight decay,
/// per-element trainable mask), so a device trainer keeps parameters, gradients and moments on the device
/// across steps. One thread per element; no reduction, so the result does not depend on the launch shape.
/// </summary>
public sealed class DeviceAdam : IDisposable
{
    private readonly Accelerator _accelerator;
    private readonly MemoryBuffer1D<double, Stride1D.Dense> _m;
    private readonly MemoryBuffer1D<double, Stride1D.Dense> _v;
    private readonly MemoryBuffer1D<double, Stride1D.Dense> _mask;
    private readonly Action<Index1D, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, AdamScalars> _kernel;

    /// <summary>Creates zero moments and an all-ones mask for <paramref name="count"/> parameters.</summary>
    public DeviceAdam(Accelerator accelerator, int count, double learningRate = 1e-3, double beta1 = 0.9,
        double beta2 = 0.999, double epsilon = 1e-8, double weightDecay = 0.0)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        _accelerator = accelerator;
        Count = count;
        LearningRate = learningRate;
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        WeightDecay = weightDecay;
        _m = accelerator.Allocate1D<double>(count);
        _v = accelerator.Allocate1D<double>(count);
        _mask = accelerator.Allocate1D<double>(count);
        _m.MemSetToZero();
        _v.MemSetToZero();
        _mask.CopyFromCPU(Enumerable.Repeat(1.0, count).ToArray());
        _kernel = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, AdamScalars>(Update);
    }

    /// <summary>Number of parameters (length of the flat buffers).</summary>
    public int Count { get; }

    /// <summary>Step size; a schedule may change it between steps.</summary>
    public double LearningRate { get; set; }

    /// <summary>First-moment decay.</summary>
    public double Beta1 { get; }

    /// <summary>Second-moment decay.</summary>
    public double Beta2 { get; }

    /// <summary>Denominator guard.</summary>
    public double Epsilon { get; }

    /// <summary>Decoupled weight decay factor (0 = plain Adam).</summary>
    public double WeightDecay { get; }

    /// <summary>Steps taken so far.</summary>
    public int StepCount { get; private set; }

    /// <summary>Sets the trainable mask (1 = train, 0 = keep), length <see cref="Count"/>.</summary>
    public void SetMask(ReadOnlySpan<double> mask)
    {
        if (mask.Length != Count)
        {
            throw new ArgumentException($"mask has {mask.Length} elements, the optimizer {Count}", nameof(mask));
        }

        _mask.View.CopyFromCPU(mask.ToArray());
    }

    /// <summary>
    /// One Adam step on the device: <paramref name="weights"/> [Count] updated in place from
    /// <paramref name="gradients"/> [Count]. Asynchronous on the accelerator's default stream.
    /// </summary>
    public void Step(ArrayView<double> weights, ArrayView<double> gradients)
    {
        if (weights.Length != Count || gradients.Length != Count)
        {
            throw new ArgumentException($"weights ({weights.Length}) and gradients ({gradients.Length}) must have {Count} elements");
        }

        StepCount++;
        var scalars = new AdamScalars(LearningRate, Beta1, Beta2, Epsilon, WeightDecay,
            1 - Math.Pow(Beta1, StepCount), 1 - Math.Pow(Beta2, StepCount));
        _kernel(Count, weights, gradients, _m.View, _v.View, _mask.View, scalars);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _m.Dispose();
        _v.Dispose();
        _mask.Dispose();
    }

    // Same arithmetic, in the same order, as Optim.Adam.Step, so the CPU accelerator matches it bit for bit.
    private static void Update(Index1D i, ArrayView<double> w, ArrayView<double> g, ArrayView<double> m,
        ArrayView<double> v, ArrayView<double> mask, AdamScalars s) => Apply(i, w, g, m, v, mask, s);

    /// <summary>Element <paramref name="i"/>'s update (also the batched Adam's, <see cref="DeviceAdamBatch"/>).</summary>
    internal static void Apply(long i, ArrayView<double> w, ArrayView<double> g, ArrayView<double> m,
        ArrayView<double> v, ArrayView<double> mask, AdamScalars s)
    {
        if (mask[i] == 0)
        {
            return;
        }

        double gi = g[i];
        m[i] = (s.Beta1 * m[i]) + ((1 - s.Beta1) * gi);
        v[i] = (s.Beta2 * v[i]) + ((1 - s.Beta2) * gi * gi);
        double update = (m[i] / s.BiasCorrection1) / (Math.Sqrt(v[i] / s.BiasCorrection2) + s.Epsilon);
        w[i] -= s.LearningRate * (update + (s.WeightDecay * w[i]));
    }

    /// <summary>The step's scalars, passed by value to the kernel.</summary>
    internal readonly record struct AdamScalars(double LearningRate, double Beta1, double Beta2, double Epsilon,
        double WeightDecay, double BiasCorrection1, double BiasCorrection2);
}
