using System.Collections;
using TorchSharp;
using TorchSharp.PyBridge;
using Tensor = SciTransfer.Core.Tensors.Tensor;
using TorchTensor = TorchSharp.torch.Tensor;

namespace SciTransfer.Torch.Exchange;

/// <summary>
/// PyTorch state dicts on disk: <c>.pt</c>/<c>.pth</c> (torch.save's format, via TorchSharp.PyBridge; loads libtorch)
/// and <c>.safetensors</c> (managed, no libtorch). Values are float64 in PyTorch's layout and names (see
/// <see cref="TorchLayout"/>); a model is its state dict plus a <see cref="ModelCard"/> sidecar (NAME.json).
/// </summary>
public static class TorchExchange
{
    /// <summary>The format a file name implies: .pt / .pth or .safetensors.</summary>
    public static StateDictFormat FormatOf(string path)
    {
        string ext = Path.GetExtension(path).ToLowerInvariant();
        return ext switch
        {
            ".pt" or ".pth" => StateDictFormat.Pt,
            ".safetensors" => StateDictFormat.Safetensors,
            _ => throw new ArgumentException($"{path}: unknown state dict format '{ext}'; use .pt, .pth or .safetensors."),
        };
    }

    /// <summary>The sidecar of a weights file: the same path with extension .json.</summary>
    public static string CardPath(string weightsPath)
    {
        if (Path.GetExtension(weightsPath).Equals(".json", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"{weightsPath}: a weights file cannot end in .json (that name is its sidecar's).");
        }

        return Path.ChangeExtension(weightsPath, ".json");
    }

    /// <summary>Writes a state dict (entries in order, float64) in the format the extension names.</summary>
    public static void SaveStateDict(IReadOnlyList<(string Name, Tensor Value)> state, string path)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (FormatOf(path) == StateDictFormat.Safetensors)
        {
            SafetensorsFile.Write(path, state);
            return;
        }

        TorchRuntime.EnsureLoaded();
        using var scope = torch.NewDisposeScope();
        var dict = new Dictionary<string, TorchTensor>(StringComparer.Ordinal);
        foreach (var (name, value) in state)
        {
            if (!dict.TryAdd(name, TorchTensors.ToTorch(value)))
            {
                throw new ArgumentException($"{path}: state dict entry '{name}' appears twice.");
            }
        }

        PyTorchPickler.PickleStateDict(path, dict);
    }

    /// <summary>Reads a state dict (.pt / .pth / .safetensors) as float64 tensors by name.</summary>
    public static IReadOnlyDictionary<string, Tensor> LoadStateDict(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such state dict file.", path);
        }

        if (FormatOf(path) == StateDictFormat.Safetensors)
        {
            return SafetensorsFile.Read(path).Tensors.ToDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal);
        }

        TorchRuntime.EnsureLoaded();
        using var scope = torch.NewDisposeScope();
        Hashtable table;
        try
        {
            table = PyTorchUnpickler.UnpickleStateDict(path);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidDataException($"{path}: not a PyTorch state dict readable by TorchSharp.PyBridge: {e.Message}", e);
        }

        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (DictionaryEntry e in table)
        {
            if (e.Value is not TorchTensor t)
            {
                throw new InvalidDataException($"{path}: entry '{e.Key}' is {e.Value?.GetType().Name ?? "null"}, not a tensor.");
            }

            result[(string)e.Key] = TorchTensors.FromTorch(t);
        }

        return result;
    }

    /// <summary>Writes weights (format from the extension) and the card next to them (NAME.json); returns the card's path.</summary>
    public static string SaveModel(IReadOnlyList<(string Name, Tensor Value)> state, ModelCard card, string weightsPath)
    {
        ArgumentNullException.ThrowIfNull(card);
        SaveStateDict(state, weightsPath);
        string cardPath = CardPath(weightsPath);
        (card with { StateDict = Path.GetFileName(weightsPath) }).Save(cardPath);
        return cardPath;
    }

    /// <summary>Reads weights and their card (NAME.json next to them).</summary>
    public static (IReadOnlyDictionary<string, Tensor> State, ModelCard Card) LoadModel(string weightsPath)
    {
        string cardPath = CardPath(weightsPath);
        if (!File.Exists(cardPath))
        {
            throw new FileNotFoundException($"{weightsPath}: its model card {cardPath} is missing.", cardPath);
        }

        return (LoadStateDict(weightsPath), ModelCard.Load(cardPath));
    }
}
