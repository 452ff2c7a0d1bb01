using SciTransfer.Core.Random;

namespace SciTransfer.Quantum.Models;

/// <summary>A weight matrix inside a flat parameter vector: [Rows, Columns] row-major from <see cref="Offset"/> (an MLP layer's [in, out]).</summary>
/// <param name="Offset">Index of entry (0, 0) in the flat vector.</param>
/// <param name="Rows">Rows (the layer's inputs).</param>
/// <param name="Columns">Columns (the layer's outputs).</param>
public readonly record struct FlatMatrixBlock(int Offset, int Rows, int Columns);

/// <summary>
/// LoRA on a flat parameter vector (Hu et al. 2021): each weight block W (<see cref="FlatMatrixBlock"/>) becomes
/// W_s + s A B with s = alpha / r, A [Rows, r] and B [r, Columns], r = min(rank, Rows, Columns); everything else (the
/// biases) stays at the source value. The adapters are one flat vector phi = [A_1 | B_1 | A_2 | B_2 | ...], each row-major.
/// A starts Gaussian with std 1/sqrt(Rows) and B at zero, so phi_0 gives the source parameters exactly (as
/// <see cref="Core.Nn.LoraLinear"/>). With G = dL/dW the gradient is dL/dA = s G B', dL/dB = s A' G.
/// </summary>
public sealed class FlatLora
{
    private readonly FlatMatrixBlock[] _blocks;
    private readonly int[] _ranks;
    private readonly int[] _starts;

    /// <summary>Creates the reparametrisation of <paramref name="blocks"/> (non-overlapping) at rank <paramref name="rank"/> and scale numerator <paramref name="alpha"/>.</summary>
    public FlatLora(IReadOnlyList<FlatMatrixBlock> blocks, int rank, double alpha)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentOutOfRangeException.ThrowIfLessThan(rank, 1);
        if (blocks.Count == 0 || blocks.Any(b => b.Rows < 1 || b.Columns < 1 || b.Offset < 0))
        {
            throw new ArgumentException("FlatLora: needs at least one block with positive rows and columns and a non-negative offset");
        }

        _blocks = [.. blocks];
        _ranks = [.. blocks.Select(b => Math.Min(rank, Math.Min(b.Rows, b.Columns)))];
        _starts = new int[_blocks.Length];
        int at = 0;
        for (int k = 0; k < _blocks.Length; k++)
        {
            _starts[k] = at;
            at += _ranks[k] * (_blocks[k].Rows + _blocks[k].Columns);
        }

        AdapterCount = at;
        Alpha = alpha;
    }

    /// <summary>Number of trained scalars, sum over blocks of r (Rows + Columns).</summary>
    public int AdapterCount { get; }

    /// <summary>alpha (each block's update is scaled by alpha / its rank).</summary>
    public double Alpha { get; }

    /// <summary>The blocks' ranks (rank capped at min(Rows, Columns)).</summary>
    public IReadOnlyList<int> Ranks => _ranks;

    /// <summary>phi_0: every A Gaussian with std 1/sqrt(Rows), every B zero.</summary>
    public double[] InitialAdapters(Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var phi = new double[AdapterCount];
        for (int k = 0; k < _blocks.Length; k++)
        {
            rng.FillNormal(phi.AsSpan(_starts[k], _blocks[k].Rows * _ranks[k]), 1.0 / Math.Sqrt(_blocks[k].Rows));
        }

        return phi;
    }

    /// <summary>theta = source with each block W_s + s A B (a new array).</summary>
    public double[] Merge(ReadOnlySpan<double> source, ReadOnlySpan<double> adapters)
    {
        Check(adapters.Length, AdapterCount, "adapters");
        var theta = source.ToArray();
        for (int k = 0; k < _blocks.Length; k++)
        {
            var (b, r) = (_blocks[k], _ranks[k]);
            var a = adapters.Slice(_starts[k], b.Rows * r);
            var bm = adapters.Slice(_starts[k] + (b.Rows * r), r * b.Columns);
            double s = Alpha / r;
            for (int i = 0; i < b.Rows; i++)
            {
                for (int j = 0; j < b.Columns; j++)
                {
                    double sum = 0;
                    for (int q = 0; q < r; q++)
                    {
                        sum += a[(i * r) + q] * bm[(q * b.Columns) + j];
                    }

                    theta[b.Offset + (i * b.Columns) + j] += s * sum;
                }
            }
        }

        return theta;
    }

    /// <summary>Writes dL/dphi (dA = s G B', dB = s A' G per block) from dL/dtheta <paramref name="thetaGradient"/>; overwrites <paramref name="adapterGradient"/>.</summary>
    public void AdapterGradient(ReadOnlySpan<double> adapters, ReadOnlySpan<double> thetaGradient, Span<double> adapterGradient)
    {
        Check(adapters.Length, AdapterCount, "adapters");
        Check(adapterGradient.Length, AdapterCount, "adapter gradient");
        adapterGradient.Clear();
        for (int k = 0; k < _blocks.Length; k++)
        {
            var (b, r) = (_blocks[k], _ranks[k]);
            int aAt = _starts[k], bAt = _starts[k] + (b.Rows * r);
            double s = Alpha / r;
            for (int i = 0; i < b.Rows; i++)
            {
                for (int j = 0; j < b.Columns; j++)
                {
                    double g = s * thetaGradient[b.Offset + (i * b.Columns) + j];
                    for (int q = 0; q < r; q++)
                    {
                        adapterGradient[aAt + (i * r) + q] += g * adapters[bAt + (q * b.Columns) + j];
                        adapterGradient[bAt + (q * b.Columns) + j] += g * adapters[aAt + (i * r) + q];
                    }
                }
            }
        }
    }

    private static void Check(int got, int expected, string what)
    {
        if (got != expected)
        {
            throw new ArgumentException($"FlatLora: {what} has {got} values, expected {expected}");
        }
    }
}
