using ILGPU;

namespace SciTransfer.Core.Gpu.Pinn;

/// <summary>
/// The device PINN's kernels (see <see cref="DevicePinnTrainer"/> for the design). Index arithmetic follows
/// <see cref="PinnLayout"/>: <c>scratch[slot * N + p]</c>, layer table of <see cref="PinnLayout.Stride"/> ints.
/// No atomics anywhere: every sum has one fixed order, so results do not depend on the launch shape or timing.
/// </summary>
internal static class PinnKernels
{
    /// <summary>
    /// One thread per point p: the forward-Laplacian pass through every layer (storing Z_l and S_{l+1}), the point's
    /// residual and loss term w r^2, then the backward pass (GZ_l for every layer, G_l for l &gt;= 1).
    /// The rule per tanh unit: h = s(z), d_k h = s'(z) d_k z, lap h = s'(z) lap z + s''(z) sum_k (d_k z)^2, and its
    /// adjoint as in <see cref="Nn.ForwardLaplacian"/>'s ActivationBackward.
    /// </summary>
    public static void PointPass(Index1D index, ArrayView<double> weights, ArrayView<int> table, ArrayView<double> scratch, ArrayView<double> coef, PinnDims dims) =>
        PointPassAt(index, weights, table, scratch, coef, dims);

    /// <summary>
    /// <see cref="PointPass"/>'s body for point <paramref name="p"/> of one model: <paramref name="weights"/> [P],
    /// <paramref name="scratch"/> [SlotsPerPoint N] and <paramref name="coef"/> [(d + 4) N] are that model's views
    /// (the batched kernels pass sub-views, so a model's arithmetic is the same alone or in a batch).
    /// </summary>
    public static void PointPassAt(int p, ArrayView<double> weights, ArrayView<int> table, ArrayView<double> scratch, ArrayView<double> coef, PinnDims dims)
    {
        long n = dims.Points;
        int blocks = dims.Blocks, d = blocks - 2, layers = dims.Layers;
        for (int l = 0; l < layers; l++)
        {
            int t = l * PinnLayout.Stride;
            int fanIn = table[t], fanOut = table[t + 1], wOff = table[t + 2], bOff = table[t + 3];
            int sIn = table[t + 4], sOut = table[t + 5], z = table[t + 6];
            bool tanh = l < layers - 1;
            for (int o = 0; o < fanOut; o++)
            {
                for (int b = 0; b < blocks; b++)
                {
                    double acc = b == 0 ? weights[bOff + o] : 0.0;
                    long sRow = sIn + (b * fanIn);
                    for (int i = 0; i < fanIn; i++)
                    {
                        acc += weights[wOff + (i * fanOut) + o] * scratch[((sRow + i) * n) + p];
                    }

                    scratch[((z + (b * fanOut) + o) * n) + p] = acc;
                }

                if (!tanh)
                {
                    for (int b = 0; b < blocks; b++)
                    {
                        scratch[((sOut + (b * fanOut) + o) * n) + p] = scratch[((z + (b * fanOut) + o) * n) + p];
                    }

                    continue;
                }

                double h = Lstm.DeviceMath.Tanh(scratch[((long)(z + o) * n) + p]);
                double s1 = 1 - (h * h);
                double s2 = -2 * h * s1;
                double sq = 0;
                scratch[((long)(sOut + o) * n) + p] = h;
                for (int k = 1; k <= d; k++)
                {
                    double zk = scratch[((z + ((long)k * fanOut) + o) * n) + p];
                    scratch[((sOut + ((long)k * fanOut) + o) * n) + p] = s1 * zk;
                    sq += zk * zk;
                }

                long lap = (long)(d + 1) * fanOut;
                scratch[((sOut + lap + o) * n) + p] = (s1 * scratch[((z + lap + o) * n) + p]) + (s2 * sq);
            }
        }

        // Residual r = a_v u + sum_k a_k u_k + a_L lap u + c on the output (width 1); loss term w r^2.
        int last = (layers - 1) * PinnLayout.Stride;
        int uSlot = table[last + 5], gLast = table[last + 8];
        double r = coef[((long)(d + 2) * n) + p];
        for (int b = 0; b < blocks; b++)
        {
            r += coef[(b * n) + p] * scratch[((uSlot + b) * n) + p];
        }

        double w = coef[((long)(d + 3) * n) + p];
        scratch[(dims.LossSlot * n) + p] = w * r * r;
        double g = 2 * w * r;
        for (int b = 0; b < blocks; b++)
        {
            scratch[((gLast + b) * n) + p] = g * coef[(b * n) + p];
        }

        for (int l = layers - 1; l >= 0; l--)
        {
            int t = l * PinnLayout.Stride;
            int fanIn = table[t], fanOut = table[t + 1], wOff = table[t + 2];
            int sOut = table[t + 5], z = table[t + 6], gz = table[t + 7], gOut = table[t + 8];
            bool tanh = l < layers - 1;
            long lap = (long)(d + 1) * fanOut;
            for (int o = 0; o < fanOut; o++)
            {
                if (!tanh)
                {
                    for (int b = 0; b < blocks; b++)
                    {
                        scratch[((gz + (b * fanOut) + o) * n) + p] = scratch[((gOut + (b * fanOut) + o) * n) + p];
                    }

                    continue;
                }

                double h = scratch[((long)(sOut + o) * n) + p];
                double s1 = 1 - (h * h);
                double s2 = -2 * h * s1;
                double s3 = -2 * s1 * (1 - (3 * h * h));
                double gl = scratch[((gOut + lap + o) * n) + p];
                double zl = scratch[((z + lap + o) * n) + p];
                double sq = 0, cross = 0;
                for (int k = 1; k <= d; k++)
                {
                    long kk = (long)k * fanOut;
                    double zk = scratch[((z + kk + o) * n) + p];
                    double gk = scratch[((gOut + kk + o) * n) + p];
                    sq += zk * zk;
                    cross += gk * zk;
                    scratch[((gz + kk + o) * n) + p] = (gk * s1) + (2 * gl * s2 * zk);
                }

                double gv = scratch[((long)(gOut + o) * n) + p];
                scratch[((long)(gz + o) * n) + p] = (gv * s1) + (cross * s2) + (gl * ((zl * s2) + (s3 * sq)));
                scratch[((gz + lap + o) * n) + p] = gl * s1;
            }

            if (l == 0)
            {
                break;
            }

            // Adjoint of this layer's input state S_l, which is the output of layer l - 1: G = W GZ per block.
            int gIn = table[((l - 1) * PinnLayout.Stride) + 8];
            for (int b = 0; b < blocks; b++)
            {
                long gzRow = gz + ((long)b * fanOut);
                for (int i = 0; i < fanIn; i++)
                {
                    double acc = 0;
                    int wRow = wOff + (i * fanOut);
                    for (int o = 0; o < fanOut; o++)
                    {
                        acc += weights[wRow + o] * scratch[((gzRow + o) * n) + p];
                    }

                    scratch[((gIn + ((long)b * fanIn) + i) * n) + p] = acc;
                }
            }
        }
    }

    /// <summary>
    /// Thread (q, c): the sum over the points of chunk c (points [c C, min(N, (c + 1) C)), in order) of
    /// parameter q's gradient contribution (weight (i, o): sum_b S_l[b, i] GZ_l[b, o]; bias o: GZ_l[value, o]),
    /// or of the loss terms for q = P. Written to partial[c (P + 1) + q].
    /// </summary>
    public static void ChunkSums(Index2D index, ArrayView<int> table, ArrayView<double> scratch, ArrayView<double> partial, PinnDims dims) =>
        ChunkSumAt(index.X, index.Y, table, scratch, partial, dims);

    /// <summary><see cref="ChunkSums"/>'s body for (parameter <paramref name="q"/>, chunk <paramref name="c"/>) of one model's views.</summary>
    public static void ChunkSumAt(int q, int c, ArrayView<int> table, ArrayView<double> scratch, ArrayView<double> partial, PinnDims dims)
    {
        long n = dims.Points;
        long start = (long)c * dims.ChunkSize;
        long end = start + dims.ChunkSize < n ? start + dims.ChunkSize : n;
        int total = dims.Parameters + 1;
        double acc = 0;
        if (q == dims.Parameters)
        {
            for (long p = start; p < end; p++)
            {
                acc += scratch[(dims.LossSlot * n) + p];
            }

            partial[((long)c * total) + q] = acc;
            return;
        }

        int layer = 0;
        for (int l = 0; l < dims.Layers; l++)
        {
            if (q >= table[(l * PinnLayout.Stride) + 2])
            {
                layer = l;
            }
        }

        int t = layer * PinnLayout.Stride;
        int fanIn = table[t], fanOut = table[t + 1], wOff = table[t + 2], bOff = table[t + 3];
        int sIn = table[t + 4], gz = table[t + 7];
        if (q >= bOff)
        {
            long row = (gz + q - bOff) * n;
            for (long p = start; p < end; p++)
            {
                acc += scratch[row + p];
            }
        }
        else
        {
            int i = (q - wOff) / fanOut, o = (q - wOff) % fanOut;
            for (long p = start; p < end; p++)
            {
                for (int b = 0; b < dims.Blocks; b++)
                {
                    acc += scratch[((sIn + ((long)b * fanIn) + i) * n) + p] * scratch[((gz + ((long)b * fanOut) + o) * n) + p];
                }
            }
        }

        partial[((long)c * total) + q] = acc;
    }

    /// <summary>Thread q: out[q] = sum over chunks c, in order, of partial[c (P + 1) + q] (gradients, then the loss).</summary>
    public static void ReduceChunks(Index1D q, ArrayView<double> partial, ArrayView<double> output, PinnDims dims) =>
        output[q] = ChunkTotal(q, partial, dims.Parameters + 1, dims.Chunks);

    /// <summary>sum over c &lt; <paramref name="chunks"/>, in order, of partial[c total + q] (one model's partial sums).</summary>
    public static double ChunkTotal(int q, ArrayView<double> partial, int total, int chunks)
    {
        double acc = 0;
        for (int c = 0; c < chunks; c++)
        {
            acc += partial[((long)c * total) + q];
        }

        return acc;
    }
}

/// <summary>Sizes passed to every PINN kernel by value.</summary>
/// <param name="Points">N.</param>
/// <param name="Blocks">d + 2.</param>
/// <param name="Layers">L.</param>
/// <param name="Parameters">P.</param>
/// <param name="LossSlot">Slot of the loss terms.</param>
/// <param name="ChunkSize">Points per partial sum (fixed, so the summation order does not depend on the device).</param>
/// <param name="Chunks">ceil(N / ChunkSize).</param>
internal readonly record struct PinnDims(int Points, int Blocks, int Layers, int Parameters, int LossSlot, int ChunkSize, int Chunks);
