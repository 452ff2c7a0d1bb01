using SciTransfer.Core.Tensors;

namespace SciTransfer.Core.Autodiff;

/// <summary>
/// A value recorded on a <see cref="Tape"/>: its tensor, and (when it needs a gradient) the
/// gradient of the differentiated output with respect to it, filled by <see cref="Tape.Backward(Var)"/>.
/// Values of intermediate results belong to the tape and are recycled by <see cref="Tape.Reset"/>.
/// </summary>
public sealed class Var
{
    internal Var(Tape tape, Tensor value, bool requiresGrad, Tensor? gradBuffer = null)
    {
        Tape = tape;
        Value = value;
        RequiresGrad = requiresGrad;
        Grad = gradBuffer;
    }

    /// <summary>The tape this value was recorded on.</summary>
    public Tape Tape { get; }

    /// <summary>The forward value.</summary>
    public Tensor Value { get; }

    /// <summary>Whether gradients flow to this value (it depends on something trainable).</summary>
    public bool RequiresGrad { get; }

    /// <summary>d(output)/d(this), same shape as <see cref="Value"/>; null until backward reaches it.</summary>
    public Tensor? Grad { get; internal set; }

    /// <summary>Shape of the value.</summary>
    public ReadOnlySpan<int> Shape => Value.Shape;

    /// <summary>Shape as text, e.g. "[64, 48]".</summary>
    public string ShapeText => Value.ShapeText;

    /// <summary>The single element of a one-element value (e.g. a loss).</summary>
    public double Item => Value.Length == 1
        ? Value[0]
        : throw new InvalidOperationException($"Var.Item: value of shape {ShapeText} is not a single element.");

    /// <summary>
    /// The gradient buffer for an op that will write every element: when none exists yet, an
    /// uninitialised one is taken from the pool and true is returned (the caller must overwrite it
    /// completely instead of accumulating); otherwise the existing buffer and false (accumulate).
    /// </summary>
    internal bool TakeFreshGrad(out Tensor grad)
    {
        if (Grad is { } g)
        {
            grad = g;
            return false;
        }

        grad = Grad = Tape.Rent(Value.Shape);
        return true;
    }

    /// <summary>The gradient buffer, allocated (zeroed) from the tape's pool on first use.</summary>
    internal Tensor EnsureGrad() => Grad ??= Tape.RentZeroed(Value.Shape);

    /// <summary>a + b with broadcasting (see <see cref="Ops.Add"/>).</summary>
    public static Var operator +(Var a, Var b) => Ops.Add(a, b);

    /// <summary>a - b with broadcasting.</summary>
    public static Var operator -(Var a, Var b) => Ops.Sub(a, b);

    /// <summary>Elementwise a * b with broadcasting.</summary>
    public static Var operator *(Var a, Var b) => Ops.Mul(a, b);

    /// <summary>Elementwise a / b with broadcasting.</summary>
    public static Var operator /(Var a, Var b) => Ops.Div(a, b);

    /// <summary>-a.</summary>
    public static Var operator -(Var a) => Ops.Scale(a, -1.0);

    /// <summary>a * s.</summary>
    public static Var operator *(Var a, double s) => Ops.Scale(a, s);

    /// <summary>s * a.</summary>
    public static Var operator *(double s, Var a) => Ops.Scale(a, s);

    /// <summary>a + s.</summary>
    public static Var operator +(Var a, double s) => Ops.AddScalar(a, s);

    /// <summary>a - s.</summary>
    public static Var operator -(Var a, double s) => Ops.AddScalar(a, -s);

    /// <inheritdoc />
    public override string ToString() => "Var" + ShapeText + (RequiresGrad ? " (grad)" : string.Empty);
}
