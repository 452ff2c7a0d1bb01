using SciTransfer.Core.Nn;
using SciTransfer.Core.Tensors;

namespace SciTransfer.Torch.Exchange;

/// <summary>
/// Our layers' parameters in PyTorch's layout and names, and back. Pure managed code (no libtorch).
/// <list type="bullet">
/// <item><see cref="Linear"/> W [in, out], b [out] &lt;-&gt; torch.nn.Linear <c>weight</c> [out, in] = W^T, <c>bias</c>.</item>
/// <item><see cref="Mlp"/> &lt;-&gt; torch.nn.Sequential(Linear, act, Linear, act, ..., Linear): layer l is module 2l.</item>
/// <item><see cref="Lstm"/> Wx [in, 4H], Wh [H, 4H], b [4H] &lt;-&gt; torch.nn.LSTM <c>weight_ih_l0</c> [4H, in] = Wx^T,
/// <c>weight_hh_l0</c> [4H, H] = Wh^T, <c>bias_ih_l0</c> = b, <c>bias_hh_l0</c> = 0. Both use the gate order
/// [i | f | g(c) | o]; torch's two biases are summed on import.</item>
/// </list>
/// </summary>
public static class TorchLayout
{
    /// <summary>[a, b] -> [b, a] (a copy).</summary>
    public static Tensor Transpose(Tensor m)
    {
        ArgumentNullException.ThrowIfNull(m);
        if (m.Rank != 2)
        {
            throw new ArgumentException($"TorchLayout.Transpose: {m.ShapeText} is not a matrix.");
        }

        int r = m.Dim(0), c = m.Dim(1);
        var t = new Tensor(c, r);
        for (int i = 0; i < r; i++)
        {
            for (int j = 0; j < c; j++)
            {
                t[j, i] = m[i, j];
            }
        }

        return t;
    }

    /// <summary>torch.nn.Linear entries "<paramref name="prefix"/>weight" [out, in] and "...bias" [out].</summary>
    public static IEnumerable<(string Name, Tensor Value)> FromLinear(string prefix, Linear layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        yield return (prefix + "weight", Transpose(layer.Weight.Value));
        if (layer.Bias is not null)
        {
            yield return (prefix + "bias", layer.Bias.Value.Clone());
        }
    }

    /// <summary>torch.nn.Sequential entries: Linear l is module 2l ("<paramref name="prefix"/>0.weight", "2.weight", ...).</summary>
    public static IEnumerable<(string Name, Tensor Value)> FromMlp(string prefix, Mlp mlp)
    {
        ArgumentNullException.ThrowIfNull(mlp);
        return mlp.Layers.SelectMany((l, i) => FromLinear($"{prefix}{2 * i}.", l));
    }

    /// <summary>torch.nn.LSTM (one layer) entries "<paramref name="prefix"/>weight_ih_l0" etc.</summary>
    public static IEnumerable<(string Name, Tensor Value)> FromLstm(string prefix, Lstm lstm)
    {
        ArgumentNullException.ThrowIfNull(lstm);
        yield return (prefix + "weight_ih_l0", Transpose(lstm.WeightInput.Value));
        yield return (prefix + "weight_hh_l0", Transpose(lstm.WeightHidden.Value));
        yield return (prefix + "bias_ih_l0", lstm.Bias.Value.Clone());
        yield return (prefix + "bias_hh_l0", new Tensor(lstm.Bias.Value.Length));
    }

    /// <summary>Sets a Linear layer from torch.nn.Linear entries (shapes checked).</summary>
    public static void ToLinear(IReadOnlyDictionary<string, Tensor> state, string prefix, Linear layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        layer.Weight.Value.CopyFrom(Transpose(Get(state, prefix + "weight", layer.OutFeatures, layer.InFeatures)));
        if (layer.Bias is not null)
        {
            layer.Bias.Value.CopyFrom(Get(state, prefix + "bias", layer.OutFeatures));
        }
    }

    /// <summary>Sets an Mlp from torch.nn.Sequential entries (Linear l = module 2l).</summary>
    public static void ToMlp(IReadOnlyDictionary<string, Tensor> state, string prefix, Mlp mlp)
    {
        ArgumentNullException.ThrowIfNull(mlp);
        for (int i = 0; i < mlp.Layers.Count; i++)
        {
            ToLinear(state, $"{prefix}{2 * i}.", mlp.Layers[i]);
        }
    }

    /// <summary>Sets an Lstm from torch.nn.LSTM entries; b = bias_ih_l0 + bias_hh_l0.</summary>
    public static void ToLstm(IReadOnlyDictionary<string, Tensor> state, string prefix, Lstm lstm)
    {
        ArgumentNullException.ThrowIfNull(lstm);
        int g = 4 * lstm.HiddenSize;
        lstm.WeightInput.Value.CopyFrom(Transpose(Get(state, prefix + "weight_ih_l0", g, lstm.InputSize)));
        lstm.WeightHidden.Value.CopyFrom(Transpose(Get(state, prefix + "weight_hh_l0", g, lstm.HiddenSize)));
        var bih = Get(state, prefix + "bias_ih_l0", g).Span;
        var bhh = Get(state, prefix + "bias_hh_l0", g).Span;
        var b = lstm.Bias.Value.Span;
        for (int i = 0; i < g; i++)
        {
            b[i] = bih[i] + bhh[i];
        }
    }

    /// <summary>An entry of the expected shape, or an <see cref="InvalidDataException"/> naming it.</summary>
    public static Tensor Get(IReadOnlyDictionary<string, Tensor> state, string name, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!state.TryGetValue(name, out var t))
        {
            throw new InvalidDataException($"state dict has no entry '{name}' (has: {string.Join(", ", state.Keys.Order(StringComparer.Ordinal))}).");
        }

        if (!t.Shape.SequenceEqual(shape))
        {
            throw new InvalidDataException($"state dict entry '{name}' is {t.ShapeText}, expected {Tensor.ShapeString(shape)}.");
        }

        return t;
    }
}
