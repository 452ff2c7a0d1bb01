using ILGPU;
using ILGPU.Runtime;
using SciTransfer.Core.Nn;

namespace SciTransfer.Core.Gpu.Lstm;

/// <summary>
/// Trains an LSTM (<see cref="Nn.Lstm"/>) followed by an MLP head on every time step (<see cref="Mlp"/>) with a
/// (masked) mean squared error and Adam, entirely on an ILGPU accelerator: parameters, gradients, Adam moments,
/// the batch and every intermediate stay on the device across steps; a step is six kernel launches plus the
/// Adam update and no host transfer (the loss is read back only when asked). Same model, loss and optimizer as
/// the CPU engine (Lstm + Mlp + Ops.MaskedMseLoss + Optim.Adam), to rounding (tested to 1e-10 on ILGPU's CPU
/// accelerator). Shapes: x [Batch, Steps, In], targets and mask [Batch, Steps, Out]. Not thread-safe.
/// </summary>
public sealed class DeviceLstmTrainer : IDisposable
{
    private readonly Accelerator _acc;
    private readonly DeviceLstmArgs _args;
    private readonly int _groupSize;
    private readonly MemoryBuffer1D<double, Stride1D.Dense> _p, _grad, _x, _y, _w, _gates, _cell, _tanhCell, _hidden, _dhDirect, _dA, _act, _delta, _rowLoss, _loss, _drop;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> _layout;
    private readonly Action<KernelConfig, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, DeviceLstmArgs> _forward;
    private readonly Action<KernelConfig, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, DeviceLstmArgs> _backward;
    private readonly Action<Index1D, ArrayView<double>, ArrayView<int>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, DeviceLstmArgs> _head;
    private readonly Action<Index1D, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, DeviceLstmArgs> _lstmGrad;
    private readonly Action<Index1D, ArrayView<int>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, DeviceLstmArgs> _headGrad;
    private readonly Action<Index1D, ArrayView<double>, ArrayView<double>, DeviceLstmArgs> _lossKernel;
    private double _count;
    private int _activeBatch;

    /// <summary>
    /// Uploads the model: <paramref name="parameters"/> flat in the CPU modules' order (Wx, Wh, b, then each head layer's W and b),
    /// <paramref name="headWidths"/> [H, w1, ..., out] (the head's input is the hidden state); <paramref name="batch"/>
    /// is the largest batch <see cref="SetBatch"/> takes. <paramref name="dropoutLayer"/> (-1: none) is the hidden head
    /// layer whose output is multiplied by the mask given to <see cref="SetBatch"/>. The batch is zero (and the mask
    /// all ones) until <see cref="SetBatch"/>.
    /// </summary>
    public DeviceLstmTrainer(Accelerator accelerator, int inputs, int hidden, IReadOnlyList<int> headWidths,
        Activation hiddenActivation, Activation outputActivation, int batch, int steps, ReadOnlySpan<double> parameters,
        double learningRate = 1e-3, double weightDecay = 0.0, int dropoutLayer = -1)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        ArgumentNullException.ThrowIfNull(headWidths);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(hidden, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        if (headWidths.Count < 2 || headWidths[0] != hidden || headWidths.Any(v => v < 1))
        {
            throw new ArgumentException($"DeviceLstmTrainer: head widths [{string.Join(", ", headWidths)}] must start with the hidden size {hidden} and have at least one layer of positive width.");
        }

        if (dropoutLayer < -1 || dropoutLayer >= headWidths.Count - 2)
        {
            throw new ArgumentException($"DeviceLstmTrainer: dropout layer {dropoutLayer} is not a hidden head layer (0..{headWidths.Count - 3}) or -1.", nameof(dropoutLayer));
        }

        _acc = accelerator;
        int layers = headWidths.Count - 1, g4 = 4 * hidden, lstmCount = (inputs + hidden + 1) * g4;
        var layout = new int[4 * layers];
        int offset = lstmCount, actOffset = 0;
        for (int l = 0; l < layers; l++)
        {
            layout[4 * l] = headWidths[l];
            layout[(4 * l) + 1] = headWidths[l + 1];
            layout[(4 * l) + 2] = offset;
            layout[(4 * l) + 3] = actOffset;
            offset += (headWidths[l] + 1) * headWidths[l + 1];
            actOffset += headWidths[l + 1];
        }

        if (parameters.Length != offset)
        {
            throw new ArgumentException($"DeviceLstmTrainer: {parameters.Length} parameters given, the model has {offset}.", nameof(parameters));
        }

        int rows = batch * steps, outputs = headWidths[layers], dropWidth = dropoutLayer >= 0 ? headWidths[dropoutLayer + 1] : 1;
        _args = new DeviceLstmArgs(batch, steps, inputs, hidden, layers, outputs, actOffset, lstmCount, offset,
            (int)hiddenActivation, (int)outputActivation, dropoutLayer, dropWidth, 0.0);
        _count = rows * outputs;
        _activeBatch = batch;
        _drop = accelerator.Allocate1D(Enumerable.Repeat(1.0, dropoutLayer >= 0 ? rows * dropWidth : 1).ToArray());
        _p = accelerator.Allocate1D(parameters.ToArray());
        _grad = accelerator.Allocate1D<double>(offset);
        _x = accelerator.Allocate1D<double>(rows * inputs);
        _y = accelerator.Allocate1D<double>(rows * outputs);
        _w = accelerator.Allocate1D(Enumerable.Repeat(1.0, rows * outputs).ToArray());
        _x.MemSetToZero();
        _y.MemSetToZero();
        _gates = accelerator.Allocate1D<double>(rows * g4);
        _cell = accelerator.Allocate1D<double>(rows * hidden);
        _tanhCell = accelerator.Allocate1D<double>(rows * hidden);
        _hidden = accelerator.Allocate1D<double>(rows * hidden);
        _dhDirect = accelerator.Allocate1D<double>(rows * hidden);
        _dA = accelerator.Allocate1D<double>(rows * g4);
        _act = accelerator.Allocate1D<double>(rows * actOffset);
        _delta = accelerator.Allocate1D<double>(rows * actOffset);
        _rowLoss = accelerator.Allocate1D<double>(rows);
        _loss = accelerator.Allocate1D<double>(1);
        _layout = accelerator.Allocate1D(layout);

        // One group per sequence, enough threads for the 4H gates (whole warps), at most the device's limit.
        int warp = Math.Max(1, accelerator.WarpSize);
        _groupSize = Math.Min(((g4 + warp - 1) / warp) * warp, accelerator.MaxNumThreadsPerGroup);
        if (6L * hidden * sizeof(double) > accelerator.MaxSharedMemoryPerGroup)
        {
            throw new ArgumentException($"DeviceLstmTrainer: hidden size {hidden} needs {6 * hidden * sizeof(double)} bytes of shared memory per group; {accelerator.Name} has {accelerator.MaxSharedMemoryPerGroup}.");
        }

        _forward = accelerator.LoadStreamKernel<ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, DeviceLstmArgs>(DeviceLstmKernels.Forward);
        _backward = accelerator.LoadStreamKernel<ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, DeviceLstmArgs>(DeviceLstmKernels.Backward);
        _head = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, ArrayView<int>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, DeviceLstmArgs>(DeviceLstmKernels.Head);
        _lstmGrad = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, DeviceLstmArgs>(DeviceLstmKernels.LstmGradients);
        _headGrad = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<int>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, DeviceLstmArgs>(DeviceLstmKernels.HeadGradients);
        _lossKernel = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, ArrayView<double>, DeviceLstmArgs>(DeviceLstmKernels.Loss);
        Optimizer = new DeviceAdam(accelerator, offset, learningRate, weightDecay: weightDecay);
    }

    /// <summary>Number of parameters: 4H (In + H + 1) for the LSTM, then the head's.</summary>
    public int ParameterCount => _args.ParamCount;

    /// <summary>The device Adam over the flat parameter buffer (learning rate, trainable mask).</summary>
    public DeviceAdam Optimizer { get; }

    /// <summary>The accelerator the model lives on.</summary>
    public Accelerator Accelerator => _acc;

    /// <summary>
    /// Builds a trainer from CPU modules (their current values; frozen parameters and trainable masks become the
    /// optimizer's mask). The head's hidden layers share one activation, as <see cref="Mlp"/>'s do.
    /// </summary>
    public static DeviceLstmTrainer FromModules(Accelerator accelerator, Nn.Lstm lstm, Mlp head, int batch, int steps,
        double learningRate = 1e-3, double weightDecay = 0.0, int dropoutLayer = -1)
    {
        ArgumentNullException.ThrowIfNull(lstm);
        ArgumentNullException.ThrowIfNull(head);
        var parameters = lstm.Parameters.Concat(head.Parameters).ToArray();
        if (head.Layers.Any(l => l.Bias is null))
        {
            throw new ArgumentException("DeviceLstmTrainer: every head layer needs a bias.", nameof(head));
        }

        var trainer = new DeviceLstmTrainer(accelerator, lstm.InputSize, lstm.HiddenSize, head.Widths, head.HiddenActivation,
            head.OutputActivation, batch, steps, Flatten(parameters), learningRate, weightDecay, dropoutLayer);
        trainer.Optimizer.SetMask(MaskOf(parameters));
        return trainer;
    }

    /// <summary>Concatenated values of <paramref name="parameters"/>, in order.</summary>
    public static double[] Flatten(IEnumerable<Parameter> parameters) =>
        parameters.SelectMany(p => p.Value.Span.ToArray()).ToArray();

    /// <summary>
    /// Uploads a batch of b &lt;= the capacity sequences: x [b, T, In], targets [b, T, Out], mask [b, T, Out] (1 observed,
    /// 0 missing; empty = all observed) and, with a dropout layer, its mask [b, T, width] (scaled keep factors as in
    /// the CPU's Ops.Mask; empty = no dropout).
    /// </summary>
    public void SetBatch(ReadOnlySpan<double> x, ReadOnlySpan<double> targets, ReadOnlySpan<double> mask = default, ReadOnlySpan<double> dropout = default)
    {
        int perSequence = _args.Steps * _args.In, b = x.Length / perSequence, rows = b * _args.Steps, outputs = rows * _args.HeadOut;
        if (b < 1 || b > _args.Batch || x.Length != b * perSequence || targets.Length != outputs || (!mask.IsEmpty && mask.Length != outputs)
            || (!dropout.IsEmpty && (_args.DropoutLayer < 0 || dropout.Length != rows * _args.DropoutWidth)))
        {
            throw new ArgumentException($"DeviceLstmTrainer.SetBatch: x {x.Length}, targets {targets.Length}, mask {mask.Length}, dropout {dropout.Length} values; expected x b*{perSequence} for 1 <= b <= {_args.Batch}, targets and mask b*{_args.Steps * _args.HeadOut} (or an empty mask) and dropout empty or b*{_args.Steps * _args.DropoutWidth}{(_args.DropoutLayer < 0 ? " (this model has no dropout layer)" : "")}.");
        }

        _activeBatch = b;
        _x.View.SubView(0, x.Length).CopyFromCPU(x.ToArray());
        _y.View.SubView(0, outputs).CopyFromCPU(targets.ToArray());
        double[] w = mask.IsEmpty ? Enumerable.Repeat(1.0, outputs).ToArray() : mask.ToArray();
        _w.View.SubView(0, outputs).CopyFromCPU(w);
        if (_args.DropoutLayer >= 0)
        {
            int n = rows * _args.DropoutWidth;
            _drop.View.SubView(0, n).CopyFromCPU(dropout.IsEmpty ? Enumerable.Repeat(1.0, n).ToArray() : dropout.ToArray());
        }

        _count = w.Sum();
    }

    /// <summary>Replaces the dropout mask of the current batch ([b, T, width]), leaving the batch as it is.</summary>
    public void SetDropoutMask(ReadOnlySpan<double> dropout)
    {
        int n = _activeBatch * _args.Steps * _args.DropoutWidth;
        if (_args.DropoutLayer < 0 || dropout.Length != n)
        {
            throw new ArgumentException($"DeviceLstmTrainer.SetDropoutMask: {dropout.Length} values; expected {n}{(_args.DropoutLayer < 0 ? " (this model has no dropout layer)" : "")}.", nameof(dropout));
        }

        _drop.View.SubView(0, n).CopyFromCPU(dropout.ToArray());
    }

    /// <summary>Replaces the parameters on the device (flat, the layout of the constructor's); the Adam moments stay.</summary>
    public void UploadParameters(ReadOnlySpan<double> parameters)
    {
        if (parameters.Length != _args.ParamCount)
        {
            throw new ArgumentException($"DeviceLstmTrainer.UploadParameters: {parameters.Length} values, the model has {_args.ParamCount}.", nameof(parameters));
        }

        _p.View.CopyFromCPU(parameters.ToArray());
    }

    /// <summary>Forward, loss and backward on the device: leaves the loss and the gradients (<see cref="ReadGradients"/>) there.</summary>
    public void ComputeGradients()
    {
        var a = _args with { Batch = _activeBatch, InvCount = _count > 0 ? 1.0 / _count : 0.0 };
        var seqConfig = new KernelConfig(a.Batch, _groupSize, SharedMemoryConfig.RequestDynamic<double>(6 * a.H));
        _forward(seqConfig, _p.View, _x.View, _gates.View, _cell.View, _tanhCell.View, _hidden.View, a);
        _head(a.Rows, _p.View, _layout.View, _hidden.View, _y.View, _w.View, _act.View, _delta.View, _dhDirect.View, _rowLoss.View, _drop.View, a);
        _backward(seqConfig, _p.View, _gates.View, _cell.View, _tanhCell.View, _dhDirect.View, _dA.View, a);
        _lstmGrad(a.LstmCount, _x.View, _hidden.View, _dA.View, _grad.View, a);
        _headGrad(a.ParamCount - a.LstmCount, _layout.View, _hidden.View, _act.View, _delta.View, _drop.View, _grad.View, a);
        _lossKernel(1, _rowLoss.View, _loss.View, a);
    }

    /// <summary>One training step: <see cref="ComputeGradients"/> then the Adam update, all queued on the device.</summary>
    public void Step()
    {
        ComputeGradients();
        Optimizer.Step(_p.View, _grad.View);
    }

    /// <summary>The loss of the last <see cref="ComputeGradients"/> (before its update); waits for the device.</summary>
    public double ReadLoss() => _loss.GetAsArray1D()[0];

    /// <summary>The last gradients, flat (waits for the device).</summary>
    public double[] ReadGradients() => _grad.GetAsArray1D();

    /// <summary>The current parameters, flat (waits for the device).</summary>
    public double[] ReadParameters() => _p.GetAsArray1D();

    /// <summary>The last forward's head outputs [b, T, Out] for the current batch (waits for the device).</summary>
    public double[] ReadPredictions()
    {
        double[] act = _act.GetAsArray1D();
        int rows = _activeBatch * _args.Steps, outputs = _args.HeadOut, aw = _args.ActWidth;
        var result = new double[rows * outputs];
        for (int r = 0; r < rows; r++)
        {
            Array.Copy(act, (r * aw) + aw - outputs, result, r * outputs, outputs);
        }

        return result;
    }

    /// <summary>Writes the current parameters back into CPU parameters of the same layout (e.g. the modules given to <see cref="FromModules"/>).</summary>
    public void CopyParametersTo(IEnumerable<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        double[] flat = ReadParameters();
        int offset = 0;
        foreach (var p in parameters)
        {
            if (offset + p.Count > flat.Length)
            {
                throw new ArgumentException($"DeviceLstmTrainer.CopyParametersTo: the parameters hold more than the model's {flat.Length} values.");
            }

            flat.AsSpan(offset, p.Count).CopyTo(p.Value.Span);
            offset += p.Count;
        }

        if (offset != flat.Length)
        {
            throw new ArgumentException($"DeviceLstmTrainer.CopyParametersTo: the parameters hold {offset} values, the model {flat.Length}.");
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Optimizer.Dispose();
        foreach (var b in new MemoryBuffer[] { _p, _grad, _x, _y, _w, _gates, _cell, _tanhCell, _hidden, _dhDirect, _dA, _act, _delta, _rowLoss, _loss, _drop, _layout })
        {
            b.Dispose();
        }
    }

    private static double[] MaskOf(IEnumerable<Parameter> parameters) => parameters.SelectMany(p =>
        p.Frozen ? new double[p.Count] : p.TrainableMask is { } m ? m.Span.ToArray() : Enumerable.Repeat(1.0, p.Count)).ToArray();
}
