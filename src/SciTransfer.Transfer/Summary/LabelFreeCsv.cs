using SciTransfer.Transfer.Tables;

namespace SciTransfer.Transfer.Summary;

/// <summary>label_free_ranking.csv and label_free_selection.csv (<see cref="LabelFreeSelection"/>); byte-stable like summary.csv.</summary>
public static class LabelFreeCsv
{
    /// <summary>File of the per-strategy ranks.</summary>
    public const string RankingFile = "label_free_ranking.csv";

    /// <summary>File of the per-n agreement statistics.</summary>
    public const string SelectionFile = "label_free_selection.csv";

    private static readonly string[] RankingColumns = "problem,metric,estimate,n_target,strategy,estimate_mean,estimate_rank,test_mean,test_rank".Split(',');

    private static readonly string[] SelectionColumns = "problem,metric,estimate,n_target,strategies,spearman,label_free_pick,test_best,regret,picked_best".Split(',');

    /// <summary>The ranking file's text.</summary>
    public static string FormatRanks(IEnumerable<LabelFreeRankRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return CsvTableWriter.Format(RankingColumns, w =>
        {
            foreach (var r in rows)
            {
                w.Text(r.Problem).Text(r.Metric).Text(r.Estimate).Integer(r.NTarget).Text(r.Strategy)
                    .Number(r.EstimateMean).Number(r.EstimateRank).Number(r.TestMean).Number(r.TestRank);
                w.EndRow();
            }
        });
    }

    /// <summary>The selection file's text.</summary>
    public static string FormatStats(IEnumerable<LabelFreeStatRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return CsvTableWriter.Format(SelectionColumns, w =>
        {
            foreach (var r in rows)
            {
                w.Text(r.Problem).Text(r.Metric).Text(r.Estimate).Integer(r.NTarget).Integer(r.Strategies)
                    .Number(r.Spearman).Text(r.Pick).Text(r.TestBest).Number(r.Regret).Boolean(r.PickedBest);
                w.EndRow();
            }
        });
    }

    /// <summary>
    /// Writes both files into <paramref name="dir"/> when the study has a label-free estimate metric (otherwise writes
    /// nothing and removes stale copies, so the files say exactly what the folder's results support).
    /// </summary>
    public static void Write(string dir, IReadOnlyList<ProblemManifest> manifests, IReadOnlyList<SummaryRow> summary, Action<string, Action> io)
    {
        ArgumentNullException.ThrowIfNull(io);
        string ranking = Path.Combine(dir, RankingFile), selection = Path.Combine(dir, SelectionFile);
        var (ranks, stats) = LabelFreeSelection.Build(manifests, summary);
        if (ranks.Count == 0)
        {
            io(ranking, () => File.Delete(ranking));
            io(selection, () => File.Delete(selection));
            return;
        }

        io(ranking, () => AtomicFile.WriteText(ranking, FormatRanks(ranks)));
        io(selection, () => AtomicFile.WriteText(selection, FormatStats(stats)));
    }
}
