using ILGPU;
using ILGPU.Runtime;

namespace SciTransfer.Core.Gpu;

/// <summary>
/// <see cref="DeviceAdam"/> for K independent models of P parameters each, in one flat buffer [K P] (model k at
/// k P): one launch updates every active model, each with its own step count (bias correction), learning rate and
/// trainable mask. The per-element update is <see cref="DeviceAdam"/>'s (the same code), so model k here equals a
/// <see cref="DeviceAdam"/> of P parameters given the same steps. Per step the host uploads K small scalar records
/// (learning rate, bias corrections); the moments never leave the device.
/// </summary>
public sealed class DeviceAdamBatch : IDisposable
{
    private readonly MemoryBuffer1D<double, Stride1D.Dense> _m;
    private readonly MemoryBuffer1D<double, Stride1D.Dense> _v;
    private readonly MemoryBuffer1D<double, Stride1D.Dense> _mask;
    private readonly MemoryBuffer1D<DeviceAdam.AdamScalars, Stride1D.Dense> _scalars;
    private readonly DeviceAdam.AdamScalars[] _host;
    private readonly int[] _steps;
    private readonly double[] _learningRates;
    private readonly Action<Index1D, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<DeviceAdam.AdamScalars>, ArrayView<int>, int> _kernel;

    /// <summary>Creates zero moments and all-ones masks for <paramref name="models"/> models of <paramref name="count"/> parameters.</summary>
    public DeviceAdamBatch(Accelerator accelerator, int models, int count, double learningRate = 1e-3, double beta1 = 0.9,
        double beta2 = 0.999, double epsilon = 1e-8, double weightDecay = 0.0)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(models);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        Models = models;
        Count = count;
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        WeightDecay = weightDecay;
        long total = (long)models * count;
        _m = accelerator.Allocate1D<double>(total);
        _v = accelerator.Allocate1D<double>(total);
        _mask = accelerator.Allocate1D<double>(total);
        _m.MemSetToZero();
        _v.MemSetToZero();
        _mask.CopyFromCPU(Enumerable.Repeat(1.0, checked((int)total)).ToArray());
        _scalars = accelerator.Allocate1D<DeviceAdam.AdamScalars>(models);
        _host = new DeviceAdam.AdamScalars[models];
        _steps = new int[models];
        _learningRates = [.. Enumerable.Repeat(learningRate, models)];
        _kernel = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<DeviceAdam.AdamScalars>, ArrayView<int>, int>(Update);
    }

    /// <summary>Models K.</summary>
    public int Models { get; }

    /// <summary>Parameters per model P.</summary>
    public int Count { get; }

    /// <summary>First-moment decay (all models).</summary>
    public double Beta1 { get; }

    /// <summary>Second-moment decay (all models).</summary>
    public double Beta2 { get; }

    /// <summary>Denominator guard (all models).</summary>
    public double Epsilon { get; }

    /// <summary>Decoupled weight decay factor (all models).</summary>
    public double WeightDecay { get; }

    /// <summary>Model <paramref name="k"/>'s step size; a schedule may change it between steps.</summary>
    public double LearningRate(int k) => _learningRates[k];

    /// <summary>Sets model <paramref name="k"/>'s step size.</summary>
    public void SetLearningRate(int k, double learningRate) => _learningRates[k] = learningRate;

    /// <summary>Steps model <paramref name="k"/> has taken.</summary>
    public int StepCount(int k) => _steps[k];

    /// <summary>Sets model <paramref name="k"/>'s trainable mask (1 = train, 0 = keep), length <see cref="Count"/>.</summary>
    public void SetMask(int k, ReadOnlySpan<double> mask)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(k, Models);
        if (mask.Length != Count)
        {
            throw new ArgumentException($"mask has {mask.Length} elements, a model {Count}", nameof(mask));
        }

        _mask.View.SubView((long)k * Count, Count).CopyFromCPU(mask.ToArray());
    }

    /// <summary>
    /// One Adam step for every model whose flag in <paramref name="active"/> [K] is non-zero (the host copy
    /// <paramref name="activeHost"/> says which step counters advance): <paramref name="weights"/> [K P] updated in
    /// place from <paramref name="gradients"/> [K P]. Asynchronous on the accelerator's default stream.
    /// </summary>
    public void Step(ArrayView<double> weights, ArrayView<double> gradients, ArrayView<int> active, ReadOnlySpan<bool> activeHost)
    {
        long total = (long)Models * Count;
        if (weights.Length != total || gradients.Length != total || active.Length != Models || activeHost.Length != Models)
        {
            throw new ArgumentException($"weights ({weights.Length}), gradients ({gradients.Length}) must have {total} elements and the flags {Models}");
        }

        for (int k = 0; k < Models; k++)
        {
            if (activeHost[k])
            {
                _steps[k]++;
                _host[k] = new DeviceAdam.AdamScalars(_learningRates[k], Beta1, Beta2, Epsilon, WeightDecay,
                    1 - Math.Pow(Beta1, _steps[k]), 1 - Math.Pow(Beta2, _steps[k]));
            }
        }

        _scalars.View.CopyFromCPU(_host);
        _kernel(checked((int)total), weights, gradients, _m.View, _v.View, _mask.View, _scalars.View, active, Count);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _m.Dispose();
        _v.Dispose();
        _mask.Dispose();
        _scalars.Dispose();
    }

    private static void Update(Index1D i, ArrayView<double> w, ArrayView<double> g, ArrayView<double> m,
        ArrayView<double> v, ArrayView<double> mask, ArrayView<DeviceAdam.AdamScalars> scalars, ArrayView<int> active, int count)
    {
        int k = i / count;
        if (active[k] != 0)
        {
            DeviceAdam.Apply(i, w, g, m, v, mask, scalars[k]);
        }
    }
}
