using System.Text;
using SciTransfer.Core.Tensors;

namespace SciTransfer.Core.Nn;

/// <summary>
/// Saves and loads parameter values (never optimizer state) in a small versioned binary format,
/// little-endian throughout:
/// <code>
/// "STPARAMS" (8 ASCII bytes) | int32 version (= 1) | int32 count |
/// count x { int32 nameBytes | UTF-8 name | int32 rank | int32 dims[rank] | float64 values[prod(dims)] }
/// </code>
/// Values are the raw IEEE-754 bits, so a save/load round trip is bit-exact. Loading matches
/// parameters by name and requires identical shapes; errors name the file and the parameter.
/// </summary>
public static class ParameterIO
{
    /// <summary>Current format version.</summary>
    public const int Version = 1;

    private static readonly byte[] Magic = "STPARAMS"u8.ToArray();

    /// <summary>Writes the parameters to a file (created or overwritten).</summary>
    public static void Save(string path, IEnumerable<Parameter> parameters)
    {
        using var stream = File.Create(path);
        Save(stream, parameters);
    }

    /// <summary>Writes the parameters to a stream.</summary>
    public static void Save(Stream stream, IEnumerable<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(parameters);
        var ps = parameters.ToArray();
        var dup = ps.GroupBy(p => p.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null)
        {
            throw new ArgumentException($"ParameterIO.Save: parameter name '{dup.Key}' appears more than once.");
        }

        using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        w.Write(Magic);
        w.Write(Version);
        w.Write(ps.Length);
        foreach (var p in ps)
        {
            byte[] name = Encoding.UTF8.GetBytes(p.Name);
            w.Write(name.Length);
            w.Write(name);
            w.Write(p.Value.Rank);
            foreach (int d in p.Value.Shape)
            {
                w.Write(d);
            }

            foreach (double v in p.Value.Span)
            {
                w.Write(v);
            }
        }
    }

    /// <summary>Reads every tensor of a file, by name, in file order.</summary>
    public static IReadOnlyDictionary<string, Tensor> Read(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Reads every tensor of a stream; <paramref name="source"/> names it in errors.</summary>
    public static IReadOnlyDictionary<string, Tensor> Read(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var r = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            byte[] magic = r.ReadBytes(Magic.Length);
            if (!magic.AsSpan().SequenceEqual(Magic))
            {
                throw new InvalidDataException($"{source}: not a SciTransfer parameter file (bad magic).");
            }

            int version = r.ReadInt32();
            if (version != Version)
            {
                throw new InvalidDataException($"{source}: parameter format version {version} is not supported (expected {Version}).");
            }

            int count = r.ReadInt32();
            if (count < 0)
            {
                throw new InvalidDataException($"{source}: negative parameter count {count}.");
            }

            var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
            for (int k = 0; k < count; k++)
            {
                int nameLen = r.ReadInt32();
                if (nameLen is <= 0 or > 4096)
                {
                    throw new InvalidDataException($"{source}: entry {k} has a bad name length {nameLen}.");
                }

                string name = Encoding.UTF8.GetString(r.ReadBytes(nameLen));
                int rank = r.ReadInt32();
                if (rank is < 0 or > 8)
                {
                    throw new InvalidDataException($"{source}: parameter '{name}' has a bad rank {rank}.");
                }

                var shape = new int[rank];
                for (int d = 0; d < rank; d++)
                {
                    shape[d] = r.ReadInt32();
                    if (shape[d] < 0)
                    {
                        throw new InvalidDataException($"{source}: parameter '{name}' has a negative dimension.");
                    }
                }

                var t = new Tensor(shape);
                Span<double> s = t.Span;
                for (int i = 0; i < s.Length; i++)
                {
                    s[i] = r.ReadDouble();
                }

                if (!result.TryAdd(name, t))
                {
                    throw new InvalidDataException($"{source}: parameter '{name}' appears twice.");
                }
            }

            return result;
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"{source}: parameter file is truncated.", e);
        }
    }

    /// <summary>
    /// Loads values into <paramref name="parameters"/> by name. With <paramref name="requireAll"/>,
    /// every parameter must be present in the file; entries of the file that no parameter claims
    /// are ignored (e.g. loading an encoder out of a larger model).
    /// </summary>
    public static void Load(string path, IEnumerable<Parameter> parameters, bool requireAll = true)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Assign(Read(path), parameters, path, requireAll);
    }

    /// <summary>Loads values from a stream; <paramref name="source"/> names it in errors.</summary>
    public static void Load(Stream stream, string source, IEnumerable<Parameter> parameters, bool requireAll = true)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Assign(Read(stream, source), parameters, source, requireAll);
    }

    private static void Assign(IReadOnlyDictionary<string, Tensor> values, IEnumerable<Parameter> parameters, string source, bool requireAll)
    {
        var ps = parameters.ToArray();
        foreach (var p in ps)
        {
            if (!values.TryGetValue(p.Name, out var t))
            {
                if (requireAll)
                {
                    throw new InvalidDataException($"{source}: parameter '{p.Name}' is missing.");
                }

                continue;
            }

            if (!t.SameShape(p.Value))
            {
                throw new InvalidDataException($"{source}: parameter '{p.Name}' has shape {t.ShapeText} in the file but {p.Value.ShapeText} in the model.");
            }
        }

        foreach (var p in ps)
        {
            if (values.TryGetValue(p.Name, out var t))
            {
                p.Value.CopyFrom(t);
            }
        }
    }
}
