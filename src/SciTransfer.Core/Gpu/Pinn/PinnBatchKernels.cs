using ILGPU;

namespace SciTransfer.Core.Gpu.Pinn;

/// <summary>
/// The batched device PINN's kernels (<see cref="DevicePinnBatchTrainer"/>): K models' points laid end to end
/// (model k owns global points [pointOffsets[k], pointOffsets[k + 1]) and chunks [chunkOffsets[k],
/// chunkOffsets[k + 1])), each thread finds its model by binary search over the offsets and runs
/// <see cref="PinnKernels"/>' per-model body on that model's sub-views, so a model's arithmetic (and summation order)
/// is the one it has alone in a <see cref="DevicePinnTrainer"/>. Threads of an inactive model (flag 0) return at once.
/// </summary>
internal static class PinnBatchKernels
{
    /// <summary>Thread g (a global point): <see cref="PinnKernels.PointPassAt"/> for its model's local point.</summary>
    public static void PointPass(Index1D index, ArrayView<double> weights, ArrayView<int> table, ArrayView<double> scratch,
        ArrayView<double> coef, ArrayView<int> pointOffsets, ArrayView<int> active, PinnBatchDims dims)
    {
        int g = index;
        int k = ModelOf(pointOffsets, dims.Models, g);
        if (active[k] == 0)
        {
            return;
        }

        int start = pointOffsets[k], n = pointOffsets[k + 1] - start;
        PinnKernels.PointPassAt(g - start, Weights(weights, k, dims), table,
            scratch.SubView((long)start * dims.SlotsPerPoint, (long)n * dims.SlotsPerPoint),
            coef.SubView((long)start * dims.CoefficientRows, (long)n * dims.CoefficientRows), dims.One(n));
    }

    /// <summary>Thread (q, global chunk): <see cref="PinnKernels.ChunkSumAt"/> for its model's local chunk.</summary>
    public static void ChunkSums(Index2D index, ArrayView<int> table, ArrayView<double> scratch, ArrayView<double> partial,
        ArrayView<int> pointOffsets, ArrayView<int> chunkOffsets, ArrayView<int> active, PinnBatchDims dims)
    {
        int c = index.Y;
        int k = ModelOf(chunkOffsets, dims.Models, c);
        if (active[k] == 0)
        {
            return;
        }

        int start = pointOffsets[k], n = pointOffsets[k + 1] - start;
        int first = chunkOffsets[k], chunks = chunkOffsets[k + 1] - first;
        long total = dims.Parameters + 1;
        PinnKernels.ChunkSumAt(index.X, c - first, table,
            scratch.SubView((long)start * dims.SlotsPerPoint, (long)n * dims.SlotsPerPoint),
            partial.SubView(first * total, chunks * total), dims.One(n));
    }

    /// <summary>Thread (q, k): model k's gradient q (to gradients[k P + q]) or, for q = P, its loss (to losses[k]).</summary>
    public static void ReduceChunks(Index2D index, ArrayView<double> partial, ArrayView<double> gradients, ArrayView<double> losses,
        ArrayView<int> chunkOffsets, ArrayView<int> active, PinnBatchDims dims)
    {
        int q = index.X, k = index.Y;
        if (active[k] == 0)
        {
            return;
        }

        int first = chunkOffsets[k], chunks = chunkOffsets[k + 1] - first;
        int total = dims.Parameters + 1;
        double sum = PinnKernels.ChunkTotal(q, partial.SubView((long)first * total, (long)chunks * total), total, chunks);
        if (q == dims.Parameters)
        {
            losses[k] = sum;
        }
        else
        {
            gradients[((long)k * dims.Parameters) + q] = sum;
        }
    }

    // The largest k < models with offsets[k] <= g (offsets strictly increasing: every model has a point and a chunk).
    private static int ModelOf(ArrayView<int> offsets, int models, int g)
    {
        int lo = 0, hi = models - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) / 2;
            if (offsets[mid] <= g)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return lo;
    }

    private static ArrayView<double> Weights(ArrayView<double> weights, int k, PinnBatchDims dims) =>
        weights.SubView((long)k * dims.Parameters, dims.Parameters);
}

/// <summary>Sizes passed to every batched PINN kernel by value (the per-model ones live in the offset buffers).</summary>
/// <param name="Models">K.</param>
/// <param name="Blocks">d + 2.</param>
/// <param name="Layers">L.</param>
/// <param name="Parameters">P per model.</param>
/// <param name="LossSlot">Slot of the loss terms.</param>
/// <param name="SlotsPerPoint">Scratch slots per point.</param>
/// <param name="CoefficientRows">d + 4 (coefficient rows per point).</param>
/// <param name="ChunkSize">Points per partial sum.</param>
internal readonly record struct PinnBatchDims(int Models, int Blocks, int Layers, int Parameters, int LossSlot, int SlotsPerPoint, int CoefficientRows, int ChunkSize)
{
    /// <summary>The single-model sizes of a model with <paramref name="points"/> points (chunk count unused by the per-model bodies).</summary>
    public PinnDims One(int points) => new(points, Blocks, Layers, Parameters, LossSlot, ChunkSize, 0);
}
