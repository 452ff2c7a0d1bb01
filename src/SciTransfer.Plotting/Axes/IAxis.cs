namespace SciTransfer.Plotting.Axes;

/// <summary>Maps data values to pixel positions along one direction and names the ticks.</summary>
public interface IAxis
{
    /// <summary>Pixel position of a data value (values outside the range map outside the pixel span).</summary>
    double Map(double value);

    /// <summary>True when <paramref name="value"/> can be drawn on this axis (finite; positive on a log axis).</summary>
    bool CanShow(double value);

    /// <summary>Ticks in increasing value order.</summary>
    IReadOnlyList<Tick> Ticks { get; }

    /// <summary>Smallest data value of the visible range.</summary>
    double Min { get; }

    /// <summary>Largest data value of the visible range.</summary>
    double Max { get; }
}
