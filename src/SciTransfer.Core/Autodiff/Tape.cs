using SciTransfer.Core.Nn;
using SciTransfer.Core.Tensors;

namespace SciTransfer.Core.Autodiff;

/// <summary>
/// Records operations for reverse-mode differentiation. One tape serves one thread; reuse it
/// across training steps with <see cref="Reset"/>, which recycles every buffer the tape handed
/// out (values and gradients of intermediate results), so a steady-state training step allocates
/// almost nothing. Parameters enter through <see cref="Param"/>: their gradients accumulate
/// directly into <see cref="Parameter.Grad"/> (so zero them between steps, e.g. with the optimizer).
/// </summary>
public sealed class Tape
{
    private readonly List<Action> _backward = [];
    private readonly List<double[]> _rented = [];
    private readonly Dictionary<int, Stack<double[]>> _pool = [];

    /// <summary>Threads a single op may use for its kernels (1 = sequential; results do not depend on it).</summary>
    public int Threads { get; set; } = 1;

    /// <summary>Number of recorded backward steps (ops that need a gradient).</summary>
    public int Count => _backward.Count;

    /// <summary>A constant (no gradient).</summary>
    public Var Constant(Tensor value) => new(this, value, requiresGrad: false);

    /// <summary>A leaf that receives a gradient (e.g. an input whose sensitivity is wanted).</summary>
    public Var Leaf(Tensor value) => new(this, value, requiresGrad: true);

    /// <summary>A scalar constant of shape [1].</summary>
    public Var Scalar(double value) => Constant(Tensor.Scalar(value));

    /// <summary>
    /// A parameter as a leaf: its value is <see cref="Parameter.Value"/> (shared, not copied) and
    /// its gradient accumulates into <see cref="Parameter.Grad"/>, unless it is frozen.
    /// </summary>
    public Var Param(Parameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        return parameter.Frozen
            ? new Var(this, parameter.Value, requiresGrad: false)
            : new Var(this, parameter.Value, requiresGrad: true, parameter.Grad);
    }

    /// <summary>Back-propagates from a one-element output (seed 1).</summary>
    public void Backward(Var output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (output.Value.Length != 1)
        {
            throw new ArgumentException($"Tape.Backward: output of shape {output.ShapeText} is not a scalar; pass a seed gradient.");
        }

        Backward(output, Tensor.Scalar(1.0));
    }

    /// <summary>Back-propagates a seed gradient (same shape as <paramref name="output"/>) through every recorded op, newest first.</summary>
    public void Backward(Var output, Tensor seed)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(seed);
        if (!ReferenceEquals(output.Tape, this))
        {
            throw new ArgumentException("Tape.Backward: the output was recorded on another tape.");
        }

        if (seed.Length != output.Value.Length)
        {
            throw new ArgumentException($"Tape.Backward: seed {seed.ShapeText} does not match output {output.ShapeText}.");
        }

        if (!output.RequiresGrad)
        {
            return;
        }

        var g = output.EnsureGrad();
        for (int i = 0; i < g.Length; i++)
        {
            g[i] += seed[i];
        }

        for (int i = _backward.Count - 1; i >= 0; i--)
        {
            _backward[i]();
        }
    }

    /// <summary>Forgets all recorded ops and recycles every buffer handed out since the last reset.</summary>
    public void Reset()
    {
        _backward.Clear();
        foreach (double[] buffer in _rented)
        {
            if (!_pool.TryGetValue(buffer.Length, out var stack))
            {
                _pool[buffer.Length] = stack = new Stack<double[]>();
            }

            stack.Push(buffer);
        }

        _rented.Clear();
    }

    /// <summary>Records a backward step. It runs only if <paramref name="output"/> received a gradient.</summary>
    internal void Record(Var output, Action<Tensor> backward)
    {
        _backward.Add(() =>
        {
            if (output.Grad is { } g)
            {
                backward(g);
            }
        });
    }

    /// <summary>A new result value from the pool (contents undefined).</summary>
    internal Tensor Rent(ReadOnlySpan<int> shape)
    {
        long n = 1;
        foreach (int d in shape)
        {
            n *= d;
        }

        int len = (int)Math.Max(n, 1);
        double[] buffer = _pool.TryGetValue(len, out var stack) && stack.Count > 0 ? stack.Pop() : new double[len];
        _rented.Add(buffer);
        return Tensor.FromBuffer(buffer, shape);
    }

    /// <summary>A new zeroed tensor from the pool.</summary>
    internal Tensor RentZeroed(ReadOnlySpan<int> shape)
    {
        var t = Rent(shape);
        t.Span.Clear();
        return t;
    }

    /// <summary>A result of an op: a pooled value and whether it needs a gradient.</summary>
    internal Var Result(Tensor value, bool requiresGrad) => new(this, value, requiresGrad);
}
