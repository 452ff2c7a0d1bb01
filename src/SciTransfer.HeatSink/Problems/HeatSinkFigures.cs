using SciTransfer.HeatSink.Nn;
using SciTransfer.HeatSink.Pinn;
using SciTransfer.HeatSink.Solver;
using SciTransfer.Transfer.Figures;

namespace SciTransfer.HeatSink.Problems;

/// <summary>Heat maps of the reference field, a PINN field and their difference on the reference grid.</summary>
internal static class HeatSinkFigures
{
    /// <summary>Three heat maps (reference, PINN, PINN - reference) for the report.</summary>
    public static IReadOnlyList<FigureData> FieldComparison(string problem, string strategy, int n, ThermalResult reference, FieldMlp net, PinnTask task)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(task);
        var grid = reference.Field.Grid;
        int count = grid.Nx * grid.Ny;
        var xy = new double[2 * count];
        for (int j = 0; j < grid.Ny; j++)
        {
            for (int i = 0; i < grid.Nx; i++)
            {
                int c = (j * grid.Nx) + i;
                xy[2 * c] = grid.CentreX(i);
                xy[(2 * c) + 1] = grid.CentreY(j);
            }
        }

        var ws = new MlpWorkspace();
        net.Forward(xy, count, DerivativeOrder.Value, ws);
        var pinn = new double[count];
        var diff = new double[count];
        for (int c = 0; c < count; c++)
        {
            double r = reference.Field.CellValues[c];
            pinn[c] = double.IsNaN(r) ? double.NaN : task.Theta(ws.Output[c]);
            diff[c] = pinn[c] - r;
        }

        string id = problem.Replace('/', '_');
        string tag = strategy.Replace('+', '-');
        const string x = "x (units of l)";
        const string y = "y (units of l)";
        const string color = "theta = (T - T_f) k_s / (q'' l)";
        double w = grid.LengthX;
        double h = grid.LengthY;
        return
        [
            new HeatMapFigure($"{id}_reference", "Sodium reference field (finite volumes)", grid.Nx, grid.Ny, [.. reference.Field.CellValues], 0, w, 0, h, x, y, color),
            new HeatMapFigure($"{id}_{tag}_field", $"{strategy} PINN field, n = {n}", grid.Nx, grid.Ny, pinn, 0, w, 0, h, x, y, color),
            new HeatMapFigure($"{id}_{tag}_difference", $"{strategy} PINN - reference, n = {n}", grid.Nx, grid.Ny, diff, 0, w, 0, h, x, y, "theta difference", Diverging: true),
        ];
    }
}
