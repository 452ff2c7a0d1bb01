namespace SciTransfer.Torch.Exchange;

/// <summary>File formats of a PyTorch state dict.</summary>
public enum StateDictFormat
{
    /// <summary>torch.save's zip/pickle format (.pt, .pth), written and read through TorchSharp.PyBridge (needs libtorch).</summary>
    Pt,

    /// <summary>safetensors (.safetensors): JSON header + raw little-endian data; read and written in managed code.</summary>
    Safetensors,
}
