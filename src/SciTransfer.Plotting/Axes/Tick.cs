namespace SciTransfer.Plotting.Axes;

/// <summary>An axis tick: its data value and its label.</summary>
/// <param name="Value">Position in data units.</param>
/// <param name="Label">Text drawn beside the tick.</param>
public readonly record struct Tick(double Value, string Label);
