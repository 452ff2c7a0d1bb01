namespace SciTransfer.Core.Gpu.Lstm;

/// <summary>
/// Sizes and flat-buffer offsets of a device LSTM + MLP-head model, passed by value to every kernel.
/// Parameters live in ONE flat buffer in the CPU modules' order: Wx [In, 4H], Wh [H, 4H], b [4H], then each head
/// layer's W [w_l, w_{l+1}] and b [w_{l+1}] (so <see cref="DeviceAdam"/> and the CPU <c>Adam</c> see the same
/// vector). <see cref="DropoutLayer"/> is the head layer whose output is multiplied by a dropout mask
/// [rows, <see cref="DropoutWidth"/>] before the next layer reads it (-1: none). Rows are batch-first: row r = b * Steps + t, as in the CPU tensors [B, T, ...].
/// </summary>
internal readonly record struct DeviceLstmArgs(
    int Batch,
    int Steps,
    int In,
    int H,
    int HeadLayers,
    int HeadOut,
    int ActWidth,
    int HeadOffset,
    int ParamCount,
    int HiddenActivation,
    int OutputActivation,
    int DropoutLayer,
    int DropoutWidth,
    double InvCount)
{
    /// <summary>4H, the gate width.</summary>
    public int G4 => 4 * H;

    /// <summary>B T, the rows of the head.</summary>
    public int Rows => Batch * Steps;

    /// <summary>Offset of Wh in the parameter buffer.</summary>
    public int WhOffset => In * 4 * H;

    /// <summary>Offset of the LSTM bias in the parameter buffer.</summary>
    public int BiasOffset => (In + H) * 4 * H;

    /// <summary>Number of LSTM parameters, 4H (In + H + 1).</summary>
    public int LstmCount => (In + H + 1) * 4 * H;
}
