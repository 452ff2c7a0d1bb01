using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SciTransfer.HeatSink.Nn;

namespace SciTransfer.HeatSink.Pinn;

/// <summary>
/// Saves and restores a trained network (layer sizes, input scaling, engine parameter values) as JSON. Optimizer
/// state is deliberately not part of the file: a restored model is trained on with a fresh optimizer of any kind.
/// Doubles are written in round-trip form, so a restored model reproduces the saved one bit for bit. Format 2
/// stores the engine's parameters in <see cref="FieldMlp.Parameters"/> order (per layer W [in, out] row-major, then
/// b); format 1 files (the module's former MLP: per layer W [out, in], then b) are still read and transposed.
/// </summary>
public static class PinnModelStore
{
    private const string Format = "scitransfer-heat-sink-mlp/2";
    private const string FormatV1 = "scitransfer-heat-sink-mlp/1";

    /// <summary>Writes <paramref name="net"/> to <paramref name="stream"/>.</summary>
    public static void Save(FieldMlp net, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(stream);
        if (net.Enrichment is not null)
        {
            // The format has no field for the corner term; only plain (water) networks are stored.
            throw new ArgumentException("PinnModelStore.Save: a network with a corner enrichment cannot be stored (format has no corner term)");
        }

        var obj = new JsonObject
        {
            ["format"] = Format,
            ["sizes"] = new JsonArray([.. net.Sizes.Select(v => (JsonNode?)JsonValue.Create(v))]),
            ["input_centre"] = Numbers(net.InputCentre),
            ["input_scale"] = Numbers(net.InputScale),
            ["mirror_period"] = net.MirrorPeriod.ToString("R", CultureInfo.InvariantCulture),
            ["parameters"] = Numbers(Values(net)),
        };
        using var writer = new Utf8JsonWriter(stream);
        obj.WriteTo(writer);
    }

    /// <summary>Reads a network written by <see cref="Save"/>; <paramref name="source"/> names the file in errors.</summary>
    public static FieldMlp Load(Stream stream, string source = "(stream)")
    {
        ArgumentNullException.ThrowIfNull(stream);
        var node = JsonNode.Parse(stream) as JsonObject ?? throw new InvalidDataException($"{source}: not a JSON object");
        string? format = (string?)node["format"];
        if (format != Format && format != FormatV1)
        {
            throw new InvalidDataException($"{source}: format is '{format}', expected '{Format}' (or '{FormatV1}')");
        }

        int[] sizes = ReadArray(node, "sizes", source).Select(v => (int)v).ToArray();
        double mirror = node["mirror_period"] is JsonNode m ? double.Parse((string)m!, NumberStyles.Float, CultureInfo.InvariantCulture) : 0;
        var net = new FieldMlp(sizes, ReadArray(node, "input_centre", source), ReadArray(node, "input_scale", source), mirror);
        var p = ReadArray(node, "parameters", source);
        if (p.Length != net.ParameterCount)
        {
            throw new InvalidDataException($"{source}: {p.Length} parameters for sizes [{string.Join(", ", sizes)}], expected {net.ParameterCount}");
        }

        net.SetValues(format == FormatV1 ? FromV1(p, sizes) : p);
        return net;
    }

    private static double[] Values(FieldMlp net)
    {
        var v = new double[net.ParameterCount];
        net.CopyValuesTo(v);
        return v;
    }

    // Format 1 kept W as [out, in]; the engine's is [in, out]. Biases follow each W in both.
    private static double[] FromV1(double[] p, int[] sizes)
    {
        var result = new double[p.Length];
        int o = 0;
        for (int l = 0; l < sizes.Length - 1; l++)
        {
            int nin = sizes[l];
            int nout = sizes[l + 1];
            for (int r = 0; r < nout; r++)
            {
                for (int c = 0; c < nin; c++)
                {
                    result[o + (c * nout) + r] = p[o + (r * nin) + c];
                }
            }

            Array.Copy(p, o + (nin * nout), result, o + (nin * nout), nout);
            o += (nin * nout) + nout;
        }

        return result;
    }

    private static JsonArray Numbers(double[] values) =>
        new([.. values.Select(v => (JsonNode?)JsonValue.Create(v.ToString("R", CultureInfo.InvariantCulture)))]);

    private static double[] ReadArray(JsonObject node, string key, string source)
    {
        var arr = node[key] as JsonArray ?? throw new InvalidDataException($"{source}: missing array '{key}'");
        var result = new double[arr.Count];
        for (int i = 0; i < arr.Count; i++)
        {
            var v = arr[i] ?? throw new InvalidDataException($"{source}: {key}[{i}] is null");
            result[i] = v.GetValueKind() == JsonValueKind.String
                ? double.Parse((string)v!, NumberStyles.Float, CultureInfo.InvariantCulture)
                : (double)v;
        }

        return result;
    }
}
