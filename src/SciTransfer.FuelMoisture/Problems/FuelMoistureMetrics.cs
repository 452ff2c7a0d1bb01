using SciTransfer.Transfer.Problems;

namespace SciTransfer.FuelMoisture.Problems;

/// <summary>The metrics of the fuel-moisture problems: the scores and the per-cell diagnostics.</summary>
public static class FuelMoistureMetrics
{
    /// <summary>Fitted shift of the forget-gate biases (warp strategies; NaN for the others).</summary>
    public const string WarpForgetShift = "warp_forget_shift";

    /// <summary>Fitted shift of the input-gate biases (warp strategies; NaN for the others).</summary>
    public const string WarpInputShift = "warp_input_shift";

    /// <summary>Index of the candidate the auto strategy chose (NaN for the others).</summary>
    public const string AutoChoice = "auto_choice";

    /// <summary>The metrics of the problem for target class <paramref name="targetClassHours"/>, scores first.</summary>
    public static IReadOnlyList<MetricInfo> For(int targetClassHours)
    {
        var rmse = new MetricInfo("rmse", "%", true, "RMSE of fuel moisture at the test observations");
        List<MetricInfo> list = targetClassHours == 1
            ? [rmse, new MetricInfo("rmse_le30", "%", true, "RMSE over test observations <= 30 % (no rain spikes)")]
            : [rmse];
        list.Add(new MetricInfo(WarpForgetShift, "", true, "fitted shift added to every forget-gate bias (time-warp strategies; +ln a slows the memory by about a)", IsDiagnostic: true));
        list.Add(new MetricInfo(WarpInputShift, "", true, "fitted shift added to every input-gate bias (time-warp strategies)", IsDiagnostic: true));
        list.Add(new MetricInfo(AutoChoice, "", true, "candidate chosen by auto: 0 source-only, 1 chrono-warp, 2 time-warp, 3 time-warp-gradient, 4 fine-tune", IsDiagnostic: true));
        return list;
    }
}
