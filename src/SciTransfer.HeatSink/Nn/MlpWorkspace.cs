namespace SciTransfer.HeatSink.Nn;

/// <summary>Per-call buffers of a <see cref="FieldMlp"/> pass (one per thread/cell; reused across steps).</summary>
public sealed class MlpWorkspace
{
    private double[] _scratch = [];

    /// <summary>Layer inputs: Activations[l] is channels x batch x Sizes[l].</summary>
    public double[][] Activations { get; private set; } = [];

    /// <summary>Pre-activations: PreActivations[l] is channels x batch x Sizes[l+1].</summary>
    public double[][] PreActivations { get; private set; } = [];

    /// <summary>Network output, channels x batch.</summary>
    public double[] Output { get; private set; } = [];

    /// <summary>Scratch adjoint of a layer input.</summary>
    public double[] AdjointA { get; private set; } = [];

    /// <summary>Scratch adjoint of a layer pre-activation.</summary>
    public double[] AdjointZ { get; private set; } = [];

    /// <summary>Batch of the last forward pass.</summary>
    public int Batch { get; private set; }

    /// <summary>Channels of the last forward pass.</summary>
    public int Channels { get; private set; }

    /// <summary>Output channel c (0 value, 1..D gradient, D+1 Laplacian) of the last pass.</summary>
    public ReadOnlySpan<double> Channel(int c) => Output.AsSpan(c * Batch, Batch);

    /// <summary>A reusable buffer of exactly <paramref name="length"/> values for output adjoints (contents undefined).</summary>
    public Span<double> ScratchAdjoint(int length)
    {
        _scratch = Ensure(_scratch, length);
        return _scratch.AsSpan(0, length);
    }

    internal void Prepare(FieldMlp net, int batch, int channels)
    {
        int layers = net.LayerCount;
        if (Activations.Length != layers)
        {
            Activations = new double[layers][];
            PreActivations = new double[layers][];
            for (int l = 0; l < layers; l++)
            {
                Activations[l] = [];
                PreActivations[l] = [];
            }
        }

        int rows = batch * channels;
        int widest = 0;
        for (int l = 0; l < layers; l++)
        {
            Activations[l] = Ensure(Activations[l], rows * net.Sizes[l]);
            PreActivations[l] = Ensure(PreActivations[l], rows * net.Sizes[l + 1]);
            widest = Math.Max(widest, Math.Max(net.Sizes[l], net.Sizes[l + 1]));
        }

        Output = Output.Length == rows ? Output : new double[rows];
        AdjointA = Ensure(AdjointA, rows * widest);
        AdjointZ = Ensure(AdjointZ, rows * widest);
        Batch = batch;
        Channels = channels;
    }

    private static double[] Ensure(double[] a, int length) => a.Length >= length ? a : new double[length];
}
