using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Nn;
using SciTransfer.Core.Optim;
using SciTransfer.Core.Random;
using SciTransfer.Core.Statistics;
using SciTransfer.Core.Tensors;
using SciTransfer.Transfer.Adaptation;
using SciTransfer.Transfer.FineTuning;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.Transfer.Tests.FineTuning;

/// <summary>A tiny engine-network problem: y = sin(x0) + x1 / 2, an Mlp [2, 8, 8, 1], full-batch Adam; records the last trained model.</summary>
internal sealed class ToyNetworkInstance : ProblemInstance<Mlp>, IEngineNetworkInstance, IFeatureAdaptationInstance
{
    private readonly Tensor _xp, _yp, _xt, _yt, _xs, _ys;

    public ToyNetworkInstance(int pool = 32, int steps = 150)
    {
        Steps = steps;
        var rng = new Rng(21);
        (_xp, _yp) = Draw(rng, pool);
        (_xt, _yt) = Draw(rng, 64);
        (_xs, _ys) = Draw(rng, 64, shift: -1.5, spread: 0.6);
        UseSource(new Mlp("toy", [2, 8, 8, 1], Activation.Tanh, new Rng(5)));
    }

    public int Steps { get; }

    public Mlp? LastModel { get; private set; }

    public override int TargetPoolSize => _yp.Length;

    public override Mlp PretrainSource(SourceRequest request) => Source;

    public IModule CloneSource()
    {
        var m = new Mlp("toy", [2, 8, 8, 1], Activation.Tanh, new Rng(0));
        m.CopyParametersFrom(Source);
        return m;
    }

    public IReadOnlyList<LinearLayerParameters> LinearLayers(IModule model) =>
        [.. ((Mlp)model).Layers.Select(l => new LinearLayerParameters(l.Weight, l.Bias))];

    public void Train(IModule model, ReadOnlySpan<int> targetIndices, TrainingHooks hooks, Rng rng, CancellationToken ct)
    {
        var net = (Mlp)model;
        LastModel = net;
        if (targetIndices.Length == 0)
        {
            return;
        }

        var (x, y) = Rows(_xp, _yp, targetIndices);
        var adam = new Adam([.. net.Parameters, .. hooks.ExtraParameters], 1e-2);
        var tape = new Tape();
        for (int s = 0; s < Steps; s++)
        {
            hooks.BeforeStep?.Invoke();
            tape.Reset();
            net.ZeroGrad();
            tape.Backward(Ops.MseLoss(net.Forward(tape, tape.Constant(x)), tape.Constant(y)));
            foreach (var p in hooks.ExtraParameters)
            {
                p.ZeroGrad();
            }

            hooks.AfterGradients?.Invoke();
            adam.Step();
        }
    }

    public double Loss(IModule model, ReadOnlySpan<int> targetIndices)
    {
        var (x, y) = Rows(_xp, _yp, targetIndices);
        var tape = new Tape();
        return Ops.MseLoss(((Mlp)model).Forward(tape, tape.Constant(x)), tape.Constant(y)).Item;
    }

    public CellResult Score(IModule model)
    {
        var tape = new Tape();
        var p = ((Mlp)model).Forward(tape, tape.Constant(_xt)).Value.Span.ToArray();
        return new CellResult(new Dictionary<string, double> { ["rmse"] = Metrics.Rmse(p, _yt.Span) });
    }

    public int AdaptationSteps => Steps;

    public double AdaptationLearningRate => 1e-2;

    public FeatureForward Forward(IModule model, Tape tape, ReadOnlySpan<int> targetIndices)
    {
        var net = (Mlp)model;
        LastModel = net;
        var loss = Ops.MseLoss(net.Forward(tape, tape.Constant(_xs)), tape.Constant(_ys));
        if (targetIndices.Length > 0)
        {
            var (x, y) = Rows(_xp, _yp, targetIndices);
            loss = Ops.Add(loss, Ops.MseLoss(net.Forward(tape, tape.Constant(x)), tape.Constant(y)));
        }

        return new FeatureForward(loss, Hidden(net, tape, _xs), Hidden(net, tape, _xp));
    }

    /// <summary>The last hidden layer's features of the source (first) and the target pool (second) inputs.</summary>
    public (Tensor Source, Tensor Target) Features(Mlp net)
    {
        var tape = new Tape();
        return (Hidden(net, tape, _xs).Value.Clone(), Hidden(net, tape, _xp).Value.Clone());
    }

    private static Var Hidden(Mlp net, Tape tape, Tensor x)
    {
        var h = tape.Constant(x);
        for (int l = 0; l < net.Layers.Count - 1; l++)
        {
            h = Ops.Tanh(net.Layers[l].Forward(tape, h));
        }

        return h;
    }

    private static (Tensor X, Tensor Y) Draw(Rng rng, int n, double shift = 0, double spread = 2)
    {
        var x = new Tensor(n, 2);
        var y = new Tensor(n, 1);
        for (int i = 0; i < n; i++)
        {
            x[2 * i] = shift + rng.Uniform(-spread, spread);
            x[(2 * i) + 1] = rng.Uniform(-spread, spread);
            y[i] = Math.Sin(x[2 * i]) + (x[(2 * i) + 1] / 2);
        }

        return (x, y);
    }

    private static (Tensor X, Tensor Y) Rows(Tensor x, Tensor y, ReadOnlySpan<int> idx)
    {
        var xs = new Tensor(idx.Length, 2);
        var ys = new Tensor(idx.Length, 1);
        for (int k = 0; k < idx.Length; k++)
        {
            xs[2 * k] = x[2 * idx[k]];
            xs[(2 * k) + 1] = x[(2 * idx[k]) + 1];
            ys[k] = y[idx[k]];
        }

        return (xs, ys);
    }
}
