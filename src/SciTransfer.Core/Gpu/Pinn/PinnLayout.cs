namespace SciTransfer.Core.Gpu.Pinn;

/// <summary>
/// Where a dense tanh MLP's parameters and a point's working values live in the device PINN's flat buffers.
/// <para>
/// Parameters: the order of <see cref="Nn.Mlp.Parameters"/>: per layer l the weight [in, out] row-major, then the
/// bias [out]. Hidden layers are tanh, the last layer identity (as the heat-sink and bench networks).
/// </para>
/// <para>
/// Per point, "slots" (each slot is one double per point, stored slot-major, <c>scratch[slot * N + p]</c>, so the
/// threads of a warp, consecutive p, touch consecutive addresses): with B = d + 2 blocks (value, d/dx_1..d/dx_d,
/// Laplacian) and widths w_0..w_L,
/// S_l (l = 0..L) the stacked state [B, w_l] entering layer l (S_0 is the input features and their derivatives),
/// Z_l (l = 0..L-1) the pre-activation [B, w_{l+1}], GZ_l its adjoint, G_l (l = 1..L) the adjoint of S_l, and one
/// slot for the point's loss term. Element (block b, unit j) of a [B, w] group is slot offset + b w + j.
/// </para>
/// </summary>
internal sealed class PinnLayout
{
    /// <summary>Ints per layer in <see cref="Table"/>.</summary>
    public const int Stride = 9;

    /// <summary>Creates the layout of widths [w_0, ..., w_L] for points in <paramref name="dimensions"/> coordinates.</summary>
    public PinnLayout(IReadOnlyList<int> widths, int dimensions)
    {
        ArgumentNullException.ThrowIfNull(widths);
        if (widths.Count < 2 || widths.Any(w => w < 1))
        {
            throw new ArgumentException($"device PINN: widths [{string.Join(", ", widths)}] need at least an input and an output layer, each at least 1 wide", nameof(widths));
        }

        if (widths[^1] != 1)
        {
            throw new ArgumentException($"device PINN: the output width is {widths[^1]}; the residual kernels take one output (u)", nameof(widths));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dimensions, 3);
        Widths = [.. widths];
        Dimensions = dimensions;
        Blocks = dimensions + 2;
        Layers = widths.Count - 1;
        Table = new int[Layers * Stride];
        int param = 0, slot = 0;
        var stateOffset = new int[Layers + 1];
        for (int l = 0; l <= Layers; l++)
        {
            stateOffset[l] = slot;
            slot += Blocks * widths[l];
        }

        for (int l = 0; l < Layers; l++)
        {
            int fanIn = widths[l], fanOut = widths[l + 1];
            int o = l * Stride;
            Table[o] = fanIn;
            Table[o + 1] = fanOut;
            Table[o + 2] = param;
            Table[o + 3] = param + (fanIn * fanOut);
            param += (fanIn * fanOut) + fanOut;
            Table[o + 4] = stateOffset[l];
            Table[o + 5] = stateOffset[l + 1];
            Table[o + 6] = slot;
            slot += Blocks * fanOut;
            Table[o + 7] = slot;
            slot += Blocks * fanOut;
        }

        // Adjoints of S_1..S_L; the entry for S_0 is -1 (the inputs are constants).
        for (int l = 0; l < Layers; l++)
        {
            Table[(l * Stride) + 8] = slot;
            slot += Blocks * widths[l + 1];
        }

        ParameterCount = param;
        LossSlot = slot;
        SlotsPerPoint = slot + 1;
    }

    /// <summary>Layer widths w_0..w_L.</summary>
    public int[] Widths { get; }

    /// <summary>Coordinate dimensions d of the points (derivatives are taken wrt these).</summary>
    public int Dimensions { get; }

    /// <summary>Blocks of a stacked state: d + 2.</summary>
    public int Blocks { get; }

    /// <summary>Dense layers L.</summary>
    public int Layers { get; }

    /// <summary>Parameters in the flat buffer.</summary>
    public int ParameterCount { get; }

    /// <summary>Slot of a point's loss term w r^2.</summary>
    public int LossSlot { get; }

    /// <summary>Slots per point.</summary>
    public int SlotsPerPoint { get; }

    /// <summary>
    /// Per layer l, <see cref="Stride"/> ints: fanIn, fanOut, weight offset, bias offset, S_l slot, S_{l+1} slot,
    /// Z_l slot, GZ_l slot, slot of the adjoint of S_{l+1} (G_{l+1}).
    /// </summary>
    public int[] Table { get; }
}
