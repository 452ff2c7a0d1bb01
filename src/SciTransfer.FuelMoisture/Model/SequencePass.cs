using SciTransfer.Core.Random;

namespace SciTransfer.FuelMoisture.Model;

/// <summary>
/// Forward and backward passes of a <see cref="MoistureNet"/> over a batch of B sequences of T hours,
/// with workspace sized once for (T, B) and reused. Layouts (row-major): inputs x [T, B, I],
/// outputs, targets and loss weights [T, B]. The state starts at zero at hour 0.
/// Not thread-safe: one pass object per thread.
/// </summary>
public sealed class SequencePass
{
    private readonly MoistureNet _net;
    private readonly int _t, _b, _h, _i;
    private readonly double[] _gates;   // [T, B, 4H] activated i, f, g, o
    private readonly double[] _c;       // [T+1, B, H]
    private readonly double[] _hs;      // [T+1, B, H]
    private readonly double[] _tanhC;   // [T, B, H]
    private readonly double[] _z1;      // [T*B, 32] after relu
    private readonly double[] _z2;      // [T*B, 16] after relu
    private readonly double[] _drop;    // [T*B, 16] dropout scale (0 or 1/(1-p)), 1 when not training
    private readonly double[] _out;     // [T*B]
    private readonly double[] _dOut, _dz2, _dz1, _dH, _dh, _dc, _da;
    private bool _dropoutActive;

    /// <summary>Allocates the workspace for <paramref name="steps"/> hours and <paramref name="batch"/> sequences.</summary>
    public SequencePass(MoistureNet net, int steps, int batch)
    {
        ArgumentNullException.ThrowIfNull(net);
        _net = net;
        _t = steps;
        _b = batch;
        _h = net.Hidden;
        _i = net.Inputs;
        int m = steps * batch;
        _gates = new double[m * 4 * _h];
        _c = new double[(steps + 1) * batch * _h];
        _hs = new double[(steps + 1) * batch * _h];
        _tanhC = new double[m * _h];
        _z1 = new double[m * MoistureNet.Dense1];
        _z2 = new double[m * MoistureNet.Dense2];
        _drop = new double[m * MoistureNet.Dense2];
        _out = new double[m];
        _dOut = new double[m];
        _dz2 = new double[m * MoistureNet.Dense2];
        _dz1 = new double[m * MoistureNet.Dense1];
        _dH = new double[m * _h];
        _dh = new double[batch * _h];
        _dc = new double[batch * _h];
        _da = new double[batch * 4 * _h];
    }

    /// <summary>Hours per sequence.</summary>
    public int Steps => _t;

    /// <summary>Sequences per batch.</summary>
    public int Batch => _b;

    /// <summary>Hidden states of the last forward pass, [T + 1, B, H] (row 0 is the zero initial state).</summary>
    public ReadOnlySpan<double> HiddenStates => _hs;

    /// <summary>Cell states of the last forward pass, [T + 1, B, H] (row 0 is the zero initial state).</summary>
    public ReadOnlySpan<double> CellStates => _c;

    /// <summary>Outputs of the last forward pass, [T, B].</summary>
    public ReadOnlySpan<double> Output => _out;

    /// <summary>
    /// Runs the network over x [T, B, I]. With <paramref name="dropoutRng"/> the dropout layer is active
    /// (training); without it, dropout is the identity (inference).
    /// </summary>
    public ReadOnlySpan<double> Forward(ReadOnlySpan<double> x, Rng? dropoutRng = null)
    {
        int h = _h, g4 = 4 * h, m = _t * _b;
        if (x.Length != m * _i)
        {
            throw new ArgumentException($"SequencePass.Forward: x has {x.Length} values, expected T*B*I = {_t}*{_b}*{_i}.");
        }

        var p = _net.Parameters.AsSpan();
        var wih = p.Slice(_net.OffsetWih, g4 * _i);
        var whh = p.Slice(_net.OffsetWhh, g4 * h);
        var bias = p.Slice(_net.OffsetBias, g4);

        // Input projections for every hour at once, then the recurrence adds h W_hh^T.
        MatrixKernels.MultiplyTransposedB(x, wih, m, g4, _i, _gates, accumulate: false);
        Array.Clear(_c, 0, _b * h);
        Array.Clear(_hs, 0, _b * h);
        for (int t = 0; t < _t; t++)
        {
            var gates = _gates.AsSpan(t * _b * g4, _b * g4);
            var hPrev = _hs.AsSpan(t * _b * h, _b * h);
            MatrixKernels.MultiplyTransposedB(hPrev, whh, _b, g4, h, gates, accumulate: true);
            var cPrev = _c.AsSpan(t * _b * h, _b * h);
            var cNext = _c.AsSpan((t + 1) * _b * h, _b * h);
            var hNext = _hs.AsSpan((t + 1) * _b * h, _b * h);
            var tc = _tanhC.AsSpan(t * _b * h, _b * h);
            for (int b = 0; b < _b; b++)
            {
                var gr = gates.Slice(b * g4, g4);
                for (int j = 0; j < h; j++)
                {
                    double ig = MatrixKernels.Sigmoid(gr[j] + bias[j]);
                    double fg = MatrixKernels.Sigmoid(gr[h + j] + bias[h + j]);
                    double gg = Math.Tanh(gr[(2 * h) + j] + bias[(2 * h) + j]);
                    double og = MatrixKernels.Sigmoid(gr[(3 * h) + j] + bias[(3 * h) + j]);
                    gr[j] = ig;
                    gr[h + j] = fg;
                    gr[(2 * h) + j] = gg;
                    gr[(3 * h) + j] = og;
                    int s = (b * h) + j;
                    double c = (fg * cPrev[s]) + (ig * gg);
                    cNext[s] = c;
                    double th = Math.Tanh(c);
                    tc[s] = th;
                    hNext[s] = og * th;
                }
            }
        }

        // Dense head on all T*B rows.
        var hAll = _hs.AsSpan(_b * h, m * h);
        Dense(hAll, p.Slice(_net.OffsetW1, MoistureNet.Dense1 * h), p.Slice(_net.OffsetB1, MoistureNet.Dense1), m, MoistureNet.Dense1, h, _z1, relu: true);
        Dense(_z1, p.Slice(_net.OffsetW2, MoistureNet.Dense2 * MoistureNet.Dense1), p.Slice(_net.OffsetB2, MoistureNet.Dense2), m, MoistureNet.Dense2, MoistureNet.Dense1, _z2, relu: true);
        _dropoutActive = dropoutRng is not null && _net.Dropout > 0;
        if (_dropoutActive)
        {
            double keep = 1.0 - _net.Dropout, scale = 1.0 / keep;
            for (int q = 0; q < _drop.Length; q++)
            {
                _drop[q] = dropoutRng!.NextDouble() < keep ? scale : 0.0;
                _z2[q] *= _drop[q];
            }
        }

        var w3 = p.Slice(_net.OffsetW3, MoistureNet.Dense2);
        double b3 = p[_net.OffsetB3];
        for (int r = 0; r < m; r++)
        {
            double s = b3;
            var z = _z2.AsSpan(r * MoistureNet.Dense2, MoistureNet.Dense2);
            for (int q = 0; q < MoistureNet.Dense2; q++)
            {
                s += w3[q] * z[q];
            }

            _out[r] = s;
        }

        return _out;
    }

    /// <summary>Weighted mean squared error of the last forward pass: sum w (out - y)^2 / sum w (0 when sum w = 0).</summary>
    public double Loss(ReadOnlySpan<double> y, ReadOnlySpan<double> w)
    {
        double s = 0, sw = 0;
        for (int r = 0; r < _out.Length; r++)
        {
            if (w[r] != 0)
            {
                double e = _out[r] - y[r];
                s += w[r] * e * e;
                sw += w[r];
            }
        }

        return sw > 0 ? s / sw : 0.0;
    }

    /// <summary>
    /// Adds the gradient of <see cref="Loss"/> (for the last forward pass on <paramref name="x"/>) to
    /// <paramref name="gradient"/> (length = parameter count), limited to <paramref name="scope"/>.
    /// Returns the loss.
    /// </summary>
    public double Backward(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> w, GradientScope scope, Span<double> gradient)
    {
        int h = _h, g4 = 4 * h, m = _t * _b;
        const int d1 = MoistureNet.Dense1, d2 = MoistureNet.Dense2;
        var p = _net.Parameters.AsSpan();
        double sw = 0;
        for (int r = 0; r < m; r++)
        {
            sw += w[r];
        }

        double loss = Loss(y, w);
        if (sw <= 0)
        {
            return 0;
        }

        for (int r = 0; r < m; r++)
        {
            _dOut[r] = w[r] == 0 ? 0.0 : 2.0 * w[r] * (_out[r] - y[r]) / sw;
        }

        bool head = scope != GradientScope.LstmBiasOnly;
        var w3 = p.Slice(_net.OffsetW3, d2);
        for (int r = 0; r < m; r++)
        {
            double g = _dOut[r];
            var z = _z2.AsSpan(r * d2, d2);
            var dz = _dz2.AsSpan(r * d2, d2);
            if (head)
            {
                MatrixKernels.Axpy(g, z, gradient.Slice(_net.OffsetW3, d2));
                gradient[_net.OffsetB3] += g;
            }

            for (int q = 0; q < d2; q++)
            {
                // z already carries the dropout scale; a zero output is a dead relu or a dropped unit.
                dz[q] = z[q] > 0 ? g * w3[q] * (_dropoutActive ? _drop[(r * d2) + q] : 1.0) : 0.0;
            }
        }

        if (head)
        {
            MatrixKernels.MultiplyTransposedAAdd(_dz2, _z1, m, d2, d1, gradient.Slice(_net.OffsetW2, d2 * d1));
            MatrixKernels.AddColumnSums(_dz2, m, d2, gradient.Slice(_net.OffsetB2, d2));
        }

        Array.Clear(_dz1);
        MatrixKernels.MultiplyAdd(_dz2, p.Slice(_net.OffsetW2, d2 * d1), m, d1, d2, _dz1);
        for (int q = 0; q < _dz1.Length; q++)
        {
            if (_z1[q] <= 0)
            {
                _dz1[q] = 0;
            }
        }

        var hAll = _hs.AsSpan(_b * h, m * h);
        if (head)
        {
            MatrixKernels.MultiplyTransposedAAdd(_dz1, hAll, m, d1, h, gradient.Slice(_net.OffsetW1, d1 * h));
            MatrixKernels.AddColumnSums(_dz1, m, d1, gradient.Slice(_net.OffsetB1, d1));
        }

        if (scope == GradientScope.HeadOnly)
        {
            return loss;
        }

        Array.Clear(_dH);
        MatrixKernels.MultiplyAdd(_dz1, p.Slice(_net.OffsetW1, d1 * h), m, h, d1, _dH);

        // Backpropagation through time.
        bool weights = scope == GradientScope.All;
        var whh = p.Slice(_net.OffsetWhh, g4 * h);
        var gWih = gradient.Slice(_net.OffsetWih, g4 * _i);
        var gWhh = gradient.Slice(_net.OffsetWhh, g4 * h);
        var gBias = gradient.Slice(_net.OffsetBias, g4);
        Array.Clear(_dh);
        Array.Clear(_dc);
        for (int t = _t - 1; t >= 0; t--)
        {
            var gates = _gates.AsSpan(t * _b * g4, _b * g4);
            var cPrev = _c.AsSpan(t * _b * h, _b * h);
            var tc = _tanhC.AsSpan(t * _b * h, _b * h);
            var dHt = _dH.AsSpan(t * _b * h, _b * h);
            for (int b = 0; b < _b; b++)
            {
                var gr = gates.Slice(b * g4, g4);
                var da = _da.AsSpan(b * g4, g4);
                for (int j = 0; j < h; j++)
                {
                    int s = (b * h) + j;
                    double ig = gr[j], fg = gr[h + j], gg = gr[(2 * h) + j], og = gr[(3 * h) + j];
                    double dh = dHt[s] + _dh[s];
                    double th = tc[s];
                    double dc = _dc[s] + (dh * og * (1.0 - (th * th)));
                    da[j] = dc * gg * ig * (1.0 - ig);
                    da[h + j] = dc * cPrev[s] * fg * (1.0 - fg);
                    da[(2 * h) + j] = dc * ig * (1.0 - (gg * gg));
                    da[(3 * h) + j] = dh * th * og * (1.0 - og);
                    _dc[s] = dc * fg;
                }
            }

            MatrixKernels.AddColumnSums(_da, _b, g4, gBias);
            if (weights)
            {
                MatrixKernels.MultiplyTransposedAAdd(_da, x.Slice(t * _b * _i, _b * _i), _b, g4, _i, gWih);
                MatrixKernels.MultiplyTransposedAAdd(_da, _hs.AsSpan(t * _b * h, _b * h), _b, g4, h, gWhh);
            }

            Array.Clear(_dh);
            if (t > 0)
            {
                MatrixKernels.MultiplyAdd(_da, whh, _b, h, g4, _dh);
            }
        }

        return loss;
    }

    private static void Dense(ReadOnlySpan<double> x, ReadOnlySpan<double> w, ReadOnlySpan<double> bias, int m, int n, int k, Span<double> destination, bool relu)
    {
        MatrixKernels.MultiplyTransposedB(x, w, m, n, k, destination, accumulate: false);
        for (int r = 0; r < m; r++)
        {
            var row = destination.Slice(r * n, n);
            for (int j = 0; j < n; j++)
            {
                double v = row[j] + bias[j];
                row[j] = relu && v < 0 ? 0.0 : v;
            }
        }
    }
}
