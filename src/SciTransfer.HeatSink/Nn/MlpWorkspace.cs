using SciTransfer.Core.Autodiff;
using Tensor = SciTransfer.Core.Tensors.Tensor;

namespace SciTransfer.HeatSink.Nn;

/// <summary>
/// Per-call state of <see cref="FieldMlp"/> passes (one per thread/cell; reused across steps): the engine tape
/// (single-threaded, so results do not depend on the thread count), the input and seed buffers, and the output of
/// the last forward pass. Values are valid until the next forward pass in the same workspace.
/// </summary>
public sealed class MlpWorkspace
{
    private Tensor? _input;
    private Tensor? _seed;
    private double[] _scratch = [];
    private double[] _enriched = [];
    private double[] _basis = [];
    private int _enrichedLength = -1;

    /// <summary>The tape the passes are recorded on (reset by every forward pass).</summary>
    public Tape Tape { get; } = new() { Threads = 1 };

    /// <summary>Output of the last forward pass as a tape value (channels x batch rows, one column).</summary>
    public Var? OutputVar { get; private set; }

    /// <summary>Network output of the last pass, channels x batch.</summary>
    public ReadOnlySpan<double> Output => _enrichedLength >= 0 ? _enriched.AsSpan(0, _enrichedLength) : OutputVar is { } v ? v.Value.Span : default;

    /// <summary>Channels of the corner basis S of the last pass of an enriched network (layout of <see cref="Output"/>; empty otherwise).</summary>
    public ReadOnlySpan<double> EnrichmentBasis => _enrichedLength >= 0 ? _basis.AsSpan(0, _enrichedLength) : default;

    /// <summary>Batch of the last forward pass.</summary>
    public int Batch { get; private set; }

    /// <summary>Channels of the last forward pass.</summary>
    public int Channels { get; private set; }

    /// <summary>Output channel c (0 value, 1..D gradient, D+1 Laplacian) of the last pass.</summary>
    public ReadOnlySpan<double> Channel(int c) => Output.Slice(c * Batch, Batch);

    /// <summary>A reusable buffer of exactly <paramref name="length"/> values for output adjoints (contents undefined).</summary>
    public Span<double> ScratchAdjoint(int length)
    {
        if (_scratch.Length < length)
        {
            _scratch = new double[length];
        }

        return _scratch.AsSpan(0, length);
    }

    /// <summary>The input tensor [rows, d] of a pass (reused while the shape stays the same; contents undefined).</summary>
    internal Tensor Input(int rows, int d)
    {
        if (_input is null || _input.Dim(0) != rows || _input.Dim(1) != d)
        {
            _input = new Tensor(rows, d);
        }

        return _input;
    }

    /// <summary>The backward seed [length, 1] (reused while the length stays the same; contents undefined).</summary>
    internal Tensor Seed(int length)
    {
        if (_seed is null || _seed.Length != length)
        {
            _seed = new Tensor(length, 1);
        }

        return _seed;
    }

    internal void Finish(Var output, int batch, int channels)
    {
        OutputVar = output;
        Batch = batch;
        Channels = channels;
        _enrichedLength = -1;
    }

    /// <summary>Buffers (at least <paramref name="length"/> values, the first length used) for the enriched output and its corner basis; from now on <see cref="Output"/> is the enriched one.</summary>
    internal (double[] Output, double[] Basis) Enriched(int length)
    {
        if (_enriched.Length < length)
        {
            _enriched = new double[length];
            _basis = new double[length];
        }

        _enrichedLength = length;
        return (_enriched, _basis);
    }
}
