namespace SciTransfer.FuelMoisture.Strategies;

/// <summary>What a strategy's predictions add to the problem's time-series figure (repeat 0, n = figure_n).</summary>
internal enum FigureSeriesRole
{
    /// <summary>No series (scratch: not a transfer and not a reference line).</summary>
    None,

    /// <summary>The observations and the physics model's series.</summary>
    Physics,

    /// <summary>The unchanged source network's series.</summary>
    SourceOnly,

    /// <summary>A transfer strategy's series, a candidate for "best transfer by rmse at n".</summary>
    Transfer,
}
