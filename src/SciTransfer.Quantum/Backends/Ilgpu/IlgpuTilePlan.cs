using SciTransfer.Quantum.Simulation;
using static SciTransfer.Quantum.Backends.Ilgpu.IlgpuOpTable;

namespace SciTransfer.Quantum.Backends.Ilgpu;

/// <summary>
/// Splits a circuit for the global-memory path into segments: a tile run is a stretch of consecutive gates
/// whose target wires together number at most k; it runs as ONE pass over the states, each group holding a
/// tile of 2^k amplitudes (those wires, plus the lowest other wires for contiguous loads) in shared memory.
/// A gate that does not join a run of two or more takes one launch of its own. The run's ops are copied behind
/// the circuit's in <see cref="Ints"/> with targets and controls renumbered to tile positions; controls on
/// wires outside the tile go to field 19 and are checked once per tile.
/// </summary>
internal sealed class IlgpuTilePlan
{
    public IlgpuTilePlan(CompiledCircuit circuit, int[] tableInts, int k)
    {
        int n = circuit.QubitCount;
        var ops = circuit.Ops;
        int baseInts = ops.Count * OpInts;
        var ints = new List<int>(tableInts.AsSpan(0, baseInts).ToArray());
        var segments = new List<Segment>();
        int i = 0;
        while (i < ops.Count)
        {
            long wires = 0;
            int j = i;
            while (j < ops.Count)
            {
                long w = wires | (1L << ops[j].Target0) | (ops[j].Target1 >= 0 ? 1L << ops[j].Target1 : 0);
                if (long.PopCount(w) > k)
                {
                    break;
                }

                wires = w;
                j++;
            }

            if (j - i < 2 && n > k)
            {
                segments.Add(new Segment(i, i + 1, false, 0));
                i++;
                continue;
            }

            long mask = wires;
            for (int q = 0; q < n && long.PopCount(mask) < k; q++)
            {
                mask |= 1L << q;
            }

            int start = ints.Count / OpInts;
            for (int g = i; g < j; g++)
            {
                var op = tableInts.AsSpan(g * OpInts, OpInts).ToArray();
                op[2] = LocalWire(op[2], mask);
                op[3] = op[3] >= 0 ? LocalWire(op[3], mask) : -1;
                long ctrl = ops[g].ControlMask;
                op[4] = (int)Compress(ctrl & mask, mask);
                op[19] = (int)(ctrl & ~mask);
                ints.AddRange(op);
            }

            segments.Add(new Segment(start, start + (j - i), true, mask));
            i = j;
        }

        if (ints.Count == 0)
        {
            ints.Add(0);
        }

        Ints = [.. ints];
        Segments = segments;
    }

    /// <summary>The circuit's op ints followed by the renumbered copies of every tile run.</summary>
    public int[] Ints { get; }

    /// <summary>Segments in circuit order.</summary>
    public IReadOnlyList<Segment> Segments { get; }

    private static int LocalWire(int wire, long mask) => (int)long.PopCount(mask & ((1L << wire) - 1));

    private static long Compress(long bits, long mask)
    {
        long r = 0;
        int pos = 0;
        for (int q = 0; q < 63; q++)
        {
            if ((mask & (1L << q)) != 0)
            {
                if ((bits & (1L << q)) != 0)
                {
                    r |= 1L << pos;
                }

                pos++;
            }
        }

        return r;
    }

    /// <summary>Ops [Start, End) of <see cref="Ints"/>; a tile run with its wire mask, or one gate.</summary>
    internal readonly record struct Segment(int Start, int End, bool Tile, long TileMask);
}
