using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Results;

namespace SciTransfer.Transfer.Running;

/// <summary>A cell of the study plan with its position (used by sharding).</summary>
public sealed record PlannedCell(int Index, StudyProblem Entry, CellKey Key);

/// <summary>Enumerates a study's cells in a fixed order: problem (config order), repeat, strategy, size.</summary>
public static class StudyPlan
{
    /// <summary>Every cell of the study.</summary>
    public static List<PlannedCell> Cells(StudyConfig config)
    {
        var cells = new List<PlannedCell>();
        foreach (var p in config.Problems)
        {
            for (int r = 0; r < p.Repeats; r++)
            {
                foreach (string s in p.StrategyNames)
                {
                    foreach (int n in p.Sizes)
                    {
                        cells.Add(new PlannedCell(cells.Count, p, new CellKey(p.Id, s, n, r)));
                    }
                }
            }
        }

        return cells;
    }
}
