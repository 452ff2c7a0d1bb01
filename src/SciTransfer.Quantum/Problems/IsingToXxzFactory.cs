using SciTransfer.Core.Random;
using SciTransfer.Quantum.Data;
using SciTransfer.Quantum.Models;
using SciTransfer.Quantum.Qcnn;
using SciTransfer.Transfer.Options;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.Quantum.Problems;

/// <summary>
/// quantum/ising-to-xxz: quantum-native phase classification on 8-site periodic chains. Source: ground
/// states of the transverse-field Ising chain at g ~ U(g_min, g_max), label 1 = paramagnet (g &gt; 1).
/// Target (shifted physics): ground states of the XXZ chain at Delta ~ U(delta_min, delta_max),
/// label 1 = disordered XY phase (Delta &lt; 1), 0 = Neel-ordered (Delta &gt; 1). The QCNN reads the
/// ground state itself (amplitude encoding); the classical MLP reads the 8 nearest-neighbour
/// correlators &lt;Z_i Z_i+1&gt; (what a Z-basis measurement campaign gives).
/// </summary>
public sealed class IsingToXxzFactory : IProblemFactory
{
    /// <summary>Registered name.</summary>
    public const string ProblemName = "quantum/ising-to-xxz";

    private const int Sites = 8;

    /// <inheritdoc/>
    public string Name => ProblemName;

    /// <inheritdoc/>
    public string Summary => "QCNN vs parameter-matched MLP: 8-site TFIM phases -> XXZ phases from exact ground states; test accuracy";

    /// <inheritdoc/>
    public OptionSet Options { get; } = TransferOptions.Declare(
        200,
        160,
        150,
        OptionSpec.Number("g_min", 0.2, 0, 100, "smallest transverse field g of the source TFIM chains"),
        OptionSpec.Number("g_max", 1.8, 0, 100, "largest transverse field g (the range must contain g = 1)"),
        OptionSpec.Number("delta_min", 0.0, -0.99, 100, "smallest anisotropy Delta of the target XXZ chains"),
        OptionSpec.Number("delta_max", 2.0, -0.99, 100, "largest anisotropy Delta (the range must contain Delta = 1)"));

    /// <inheritdoc/>
    public ITransferProblem Create(ProblemOptions options, ProblemSettings settings)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settings);
        var common = TransferOptions.From(options);
        double gMin = options.Number("g_min");
        double gMax = options.Number("g_max");
        double dMin = options.Number("delta_min");
        double dMax = options.Number("delta_max");
        if (!(gMin < 1 && gMax > 1))
        {
            throw options.Error("g_max", $"the g range [{gMin}, {gMax}] must contain the Ising critical point g = 1");
        }

        if (!(dMin < 1 && dMax > 1))
        {
            throw options.Error("delta_max", $"the Delta range [{dMin}, {dMax}] must contain the XXZ transition Delta = 1");
        }

        return new QuantumTransferProblem(
            ProblemName,
            $"8-site periodic TFIM phases (g in [{gMin}, {gMax}]) -> XXZ phases (Delta in [{dMin}, {dMax}]), exact ground states by Lanczos",
            common,
            QcnnEncoding.Amplitude,
            Sites,
            settings,
            ctx => Generate(ctx, common, gMin, gMax, dMin, dMax),
            () => common.PoolSize,
            sourceValidation: true);
    }

    /// <summary>Ground states and labels for the sampled couplings.</summary>
    internal static LabelledSet Chain(bool ising, double[] couplings)
    {
        int dim = 1 << Sites;
        var f = new double[couplings.Length * Sites];
        var states = new double[couplings.Length * 2 * dim];
        var y = new int[couplings.Length];
        for (int i = 0; i < couplings.Length; i++)
        {
            double c = couplings[i];
            var (_, psi) = ising
                ? SpinChains.GroundState(Sites, (x, o) => SpinChains.ApplyIsing(Sites, c, x, o))
                : SpinChains.GroundState(Sites, (x, o) => SpinChains.ApplyXxz(Sites, c, x, o));
            SpinChains.ZzCorrelators(Sites, psi, f.AsSpan(i * Sites, Sites));
            for (int k = 0; k < dim; k++)
            {
                states[(i * 2 * dim) + (2 * k)] = psi[k];
            }

            y[i] = ising ? (c > 1 ? 1 : 0) : (c < 1 ? 1 : 0);
        }

        return new LabelledSet(Sites, f, y, states, 2 * dim);
    }

    private static DomainSplit Generate(ProblemContext ctx, TransferOptions o, double gMin, double gMax, double dMin, double dMax)
    {
        double[] Draw(Rng rng, int count, double lo, double hi)
        {
            var v = new double[count];
            rng.FillUniform(v, lo, hi);
            return v;
        }

        var source = Chain(true, Draw(ctx.Seeds.Child("source-data").CreateRng(), o.SourceSamples, gMin, gMax));
        var targetRng = ctx.Seeds.Child("target-data").CreateRng();
        var pool = Chain(false, Draw(targetRng, o.PoolSize, dMin, dMax));
        var test = Chain(false, Draw(targetRng, o.TestSize, dMin, dMax));
        // Its own seed child, so adding it left every other draw unchanged.
        var validation = Chain(true, Draw(ctx.Seeds.Child("source-validation").CreateRng(), o.TestSize, gMin, gMax));
        return new DomainSplit(source, pool, test, validation);
    }
}
