using SciTransfer.Core.Tensors;

namespace SciTransfer.Core.Nn;

/// <summary>
/// A named trainable tensor with its gradient buffer. <see cref="Frozen"/> keeps it out of
/// differentiation and optimizer updates; <see cref="TrainableMask"/> (optional, same shape,
/// 1 = train, 0 = keep) freezes a subset of its elements in the optimizers.
/// </summary>
public sealed class Parameter
{
    /// <summary>Creates a parameter owning <paramref name="value"/>.</summary>
    public Parameter(string name, Tensor value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        Name = name;
        Value = value;
        Grad = new Tensor(value.Shape.ToArray());
    }

    /// <summary>Hierarchical name, e.g. "head.1.weight"; unique within a module.</summary>
    public string Name { get; }

    /// <summary>The current value (updated in place by optimizers and loaders).</summary>
    public Tensor Value { get; }

    /// <summary>Accumulated gradient d loss / d value (same shape).</summary>
    public Tensor Grad { get; }

    /// <summary>When true, no gradient is computed for it and optimizers leave it unchanged.</summary>
    public bool Frozen { get; set; }

    /// <summary>Optional per-element mask (1 = trainable, 0 = frozen) honoured by optimizers.</summary>
    public Tensor? TrainableMask
    {
        get => _mask;
        set
        {
            if (value is not null && value.Length != Value.Length)
            {
                throw new ArgumentException($"Parameter {Name}: mask {value.ShapeText} does not match value {Value.ShapeText}.");
            }

            _mask = value;
        }
    }

    private Tensor? _mask;

    /// <summary>Number of scalar entries.</summary>
    public int Count => Value.Length;

    /// <summary>Sets the gradient to zero.</summary>
    public void ZeroGrad() => Grad.Span.Clear();

    /// <inheritdoc />
    public override string ToString() => $"{Name} {Value.ShapeText}{(Frozen ? " frozen" : string.Empty)}";
}
