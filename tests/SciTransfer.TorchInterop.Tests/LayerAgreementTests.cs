using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Nn;
using SciTransfer.Core.Random;
using SciTransfer.Torch;
using SciTransfer.Torch.Exchange;
using TorchSharp;
using static SciTransfer.TorchInterop.Tests.Agreement;
using Tensor = SciTransfer.Core.Tensors.Tensor;
using TorchTensor = TorchSharp.torch.Tensor;

namespace SciTransfer.TorchInterop.Tests;

/// <summary>
/// libtorch as a second opinion on every layer, float64: forward values and gradients (parameters and inputs)
/// of a random linear functional sum(R * y) to 1e-10 relative, on random shapes drawn per seed.
/// </summary>
public sealed class LayerAgreementTests
{
    private const double Tol = 1e-10;

    [TorchTheory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Linear_matches_torch_linear_in_value_and_in_weight_bias_and_input_gradients(int seed)
    {
        var rng = new Rng((ulong)seed);
        int n = rng.NextInt(1, 9), fin = rng.NextInt(1, 12), fout = rng.NextInt(1, 12);
        var layer = new Linear("l", fin, fout, rng);
        rng.FillUniform(layer.Bias!.Value.Span, -0.5, 0.5);
        var x = Random(rng, n, fin);
        var r = Random(rng, n, fout);

        var tape = new Tape();
        var xv = tape.Leaf(x);
        var y = layer.Forward(tape, xv);
        tape.Backward(Ops.Sum(Ops.Mul(y, tape.Constant(r))));

        using var scope = torch.NewDisposeScope();
        var state = ToTorchState(TorchLayout.FromLinear(string.Empty, layer));
        var xt = TorchTensors.ToTorch(x, requiresGrad: true);
        var yt = torch.nn.functional.linear(xt, state["weight"], state["bias"]);
        (yt * TorchTensors.ToTorch(r)).sum().backward();

        Close(y.Value, yt, Tol, "Linear value");
        Close(layer.Weight.Grad, state["weight"].grad!.t(), Tol, "Linear dW");
        Close(layer.Bias.Grad, state["bias"].grad!, Tol, "Linear db");
        Close(xv.Grad!, xt.grad!, Tol, "Linear dx");
    }

    [TorchTheory]
    [InlineData(Activation.Tanh, 11)]
    [InlineData(Activation.Tanh, 12)]
    [InlineData(Activation.Relu, 13)]
    [InlineData(Activation.Relu, 14)]
    [InlineData(Activation.Sigmoid, 15)]
    public void Mlp_matches_a_torch_sequential_in_value_and_every_parameter_gradient(Activation act, int seed)
    {
        var rng = new Rng((ulong)seed);
        int depth = rng.NextInt(2, 5);
        var widths = Enumerable.Range(0, depth + 1).Select(_ => rng.NextInt(1, 16)).ToArray();
        var mlp = new Mlp("m", widths, act, rng);
        foreach (var l in mlp.Layers)
        {
            rng.FillUniform(l.Bias!.Value.Span, -0.5, 0.5);
        }

        int n = rng.NextInt(1, 20);
        var x = Random(rng, n, widths[0]);
        var r = Random(rng, n, widths[^1]);
        var tape = new Tape();
        var xv = tape.Leaf(x);
        var y = mlp.Forward(tape, xv);
        tape.Backward(Ops.Sum(Ops.Mul(y, tape.Constant(r))));

        using var scope = torch.NewDisposeScope();
        var state = ToTorchState(TorchLayout.FromMlp(string.Empty, mlp));
        var xt = TorchTensors.ToTorch(x, requiresGrad: true);
        var yt = TorchMlp(state, mlp.Layers.Count, act, xt);
        (yt * TorchTensors.ToTorch(r)).sum().backward();

        Close(y.Value, yt, Tol, $"Mlp({act}) value");
        Close(xv.Grad!, xt.grad!, Tol, $"Mlp({act}) dx");
        for (int l = 0; l < mlp.Layers.Count; l++)
        {
            Close(mlp.Layers[l].Weight.Grad, state[$"{2 * l}.weight"].grad!.t(), Tol, $"Mlp({act}) layer {l} dW");
            Close(mlp.Layers[l].Bias!.Grad, state[$"{2 * l}.bias"].grad!, Tol, $"Mlp({act}) layer {l} db");
        }
    }

    [TorchTheory]
    [InlineData(21)]
    [InlineData(22)]
    [InlineData(23)]
    public void Lstm_with_our_gate_order_and_single_bias_matches_torch_nn_LSTM_in_states_and_gradients(int seed)
    {
        var rng = new Rng((ulong)seed);
        int b = rng.NextInt(1, 5), t = rng.NextInt(1, 9), fin = rng.NextInt(1, 7), h = rng.NextInt(1, 9);
        var lstm = new Lstm("lstm", fin, h, rng, forgetGateBias: 0.7);
        rng.FillUniform(lstm.Bias.Value.Span, -0.5, 0.5);
        var x = Random(rng, b, t, fin);
        var r = Random(rng, b, t, h);
        double si = rng.Uniform(-0.5, 0.5), sf = rng.Uniform(-0.5, 0.5);

        var tape = new Tape();
        var xv = tape.Leaf(x);
        var shiftI = tape.Leaf(Tensor.Scalar(si));
        var shiftF = tape.Leaf(Tensor.Scalar(sf));
        var y = lstm.Forward(tape, xv, shiftI, shiftF);
        tape.Backward(Ops.Sum(Ops.Mul(y, tape.Constant(r))));

        using var scope = torch.NewDisposeScope();
        var module = torch.nn.LSTM(fin, h, batchFirst: true, dtype: torch.float64);
        var state = TorchLayout.FromLstm(string.Empty, lstm).ToDictionary(e => e.Name, e => e.Value);
        // The time-warp shifts are plain bias offsets of the input and forget gate blocks.
        for (int j = 0; j < h; j++)
        {
            state["bias_ih_l0"][lstm.GateOffset(LstmGate.Input) + j] += si;
            state["bias_ih_l0"][lstm.GateOffset(LstmGate.Forget) + j] += sf;
        }

        var parameters = module.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        Assert.Equal(["bias_hh_l0", "bias_ih_l0", "weight_hh_l0", "weight_ih_l0"], parameters.Keys.Order(StringComparer.Ordinal));
        using (torch.no_grad())
        {
            foreach (var (name, p) in parameters)
            {
                p.copy_(TorchTensors.ToTorch(state[name]));
            }
        }

        var xt = TorchTensors.ToTorch(x, requiresGrad: true);
        var (yt, _, _) = module.call(xt);
        (yt * TorchTensors.ToTorch(r)).sum().backward();

        Close(y.Value, yt, Tol, "Lstm hidden states");
        Close(xv.Grad!, xt.grad!, Tol, "Lstm dx");
        Close(lstm.WeightInput.Grad, parameters["weight_ih_l0"].grad!.t(), Tol, "Lstm dWx");
        Close(lstm.WeightHidden.Grad, parameters["weight_hh_l0"].grad!.t(), Tol, "Lstm dWh");
        Close(lstm.Bias.Grad, parameters["bias_ih_l0"].grad!, Tol, "Lstm db (vs bias_ih)");
        Close(lstm.Bias.Grad, parameters["bias_hh_l0"].grad!, Tol, "Lstm db (vs bias_hh)");
        var gb = TorchTensors.FromTorch(parameters["bias_ih_l0"].grad!).Span;
        double dsi = 0, dsf = 0;
        for (int j = 0; j < h; j++)
        {
            dsi += gb[lstm.GateOffset(LstmGate.Input) + j];
            dsf += gb[lstm.GateOffset(LstmGate.Forget) + j];
        }

        Assert.True(RelativeError(shiftI.Grad!.Span, [dsi]) <= Tol, $"d/d input-gate shift {shiftI.Grad!.Span[0]} vs {dsi}");
        Assert.True(RelativeError(shiftF.Grad!.Span, [dsf]) <= Tol, $"d/d forget-gate shift {shiftF.Grad!.Span[0]} vs {dsf}");
    }

    [TorchTheory]
    [InlineData(Activation.Tanh, 31)]
    [InlineData(Activation.Tanh, 32)]
    [InlineData(Activation.Sigmoid, 33)]
    public void Forward_laplacian_value_gradient_and_laplacian_and_their_parameter_gradients_match_nested_torch_autograd(Activation act, int seed)
    {
        var rng = new Rng((ulong)seed);
        int d = rng.NextInt(1, 4), depth = rng.NextInt(2, 5), n = rng.NextInt(1, 12);
        var widths = new[] { d }.Concat(Enumerable.Range(0, depth - 1).Select(_ => rng.NextInt(2, 12))).Append(1).ToArray();
        var mlp = new Mlp("u", widths, act, rng);
        foreach (var l in mlp.Layers)
        {
            rng.FillUniform(l.Bias!.Value.Span, -0.5, 0.5);
        }

        var x = Random(rng, n, d);
        var a = Random(rng, n, 1);
        var c = Random(rng, n, 1);
        var bk = Enumerable.Range(0, d).Select(_ => Random(rng, n, 1)).ToArray();

        // Ours: one forward-Laplacian pass, then reverse mode through a loss that uses all three outputs.
        var tape = new Tape();
        var (u, g, lap) = mlp.ForwardWithDerivatives(tape, x);
        var loss = Ops.Sum(Ops.Mul(u, tape.Constant(a))) + Ops.Sum(Ops.Mul(lap, tape.Constant(c)));
        for (int k = 0; k < d; k++)
        {
            loss += Ops.Sum(Ops.Mul(g[k], tape.Constant(bk[k])));
        }

        tape.Backward(loss);

        // Torch: nested reverse mode (create_graph) for the gradient and each second derivative.
        using var scope = torch.NewDisposeScope();
        var state = ToTorchState(TorchLayout.FromMlp(string.Empty, mlp));
        var xt = TorchTensors.ToTorch(x, requiresGrad: true);
        var ut = TorchMlp(state, mlp.Layers.Count, act, xt);
        var gt = torch.autograd.grad([ut.sum()], [xt], retain_graph: true, create_graph: true)[0];
        TorchTensor lapt = torch.zeros(n, 1, dtype: torch.float64);
        for (int k = 0; k < d; k++)
        {
            var hk = torch.autograd.grad([gt[.., k].sum()], [xt], retain_graph: true, create_graph: true)[0];
            lapt = lapt + hk[.., k..(k + 1)];
        }

        var losst = (ut * TorchTensors.ToTorch(a)).sum() + (lapt * TorchTensors.ToTorch(c)).sum();
        for (int k = 0; k < d; k++)
        {
            losst = losst + (gt[.., k..(k + 1)] * TorchTensors.ToTorch(bk[k])).sum();
        }

        losst.backward();

        Close(u.Value, ut, Tol, "value");
        for (int k = 0; k < d; k++)
        {
            Close(g[k].Value, gt[.., k..(k + 1)], Tol, $"d u / d x_{k}");
        }

        Close(lap.Value, lapt, Tol, "Laplacian");
        for (int l = 0; l < mlp.Layers.Count; l++)
        {
            Close(mlp.Layers[l].Weight.Grad, state[$"{2 * l}.weight"].grad!.t(), Tol, $"layer {l} dW");
            Close(mlp.Layers[l].Bias!.Grad, state[$"{2 * l}.bias"].grad!, Tol, $"layer {l} db");
        }
    }

    internal static Dictionary<string, TorchTensor> ToTorchState(IEnumerable<(string Name, Tensor Value)> entries) =>
        entries.ToDictionary(e => e.Name, e => TorchTensors.ToTorch(e.Value, requiresGrad: true));

    internal static TorchTensor TorchMlp(Dictionary<string, TorchTensor> state, int layers, Activation act, TorchTensor x)
    {
        var h = x;
        for (int l = 0; l < layers; l++)
        {
            h = torch.nn.functional.linear(h, state[$"{2 * l}.weight"], state[$"{2 * l}.bias"]);
            if (l < layers - 1)
            {
                h = act switch
                {
                    Activation.Tanh => torch.tanh(h),
                    Activation.Relu => torch.nn.functional.relu(h),
                    Activation.Sigmoid => torch.sigmoid(h),
                    _ => h,
                };
            }
        }

        return h;
    }
}
