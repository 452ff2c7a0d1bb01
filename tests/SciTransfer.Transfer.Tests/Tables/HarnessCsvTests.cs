using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Reference;
using SciTransfer.Transfer.Results;
using SciTransfer.Transfer.Summary;

namespace SciTransfer.Transfer.Tests.Tables;

/// <summary>
/// The harness's own tables (results.csv, summary.csv, timings.csv, a user's regression table) on the shared CSV
/// layer: the dialects every reader accepts, one test per error with its file/row/column, formula neutralising.
/// </summary>
public sealed class HarnessCsvTests : IDisposable
{
    private const string ResultsBody = "spy,test/spy,scratch,2,0,1,error,0.5,0.1\n";

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static ResultRow Row(string problem, string strategy, double value, int repeat = 0) =>
        new("study", problem, strategy, 4, repeat, 18446744073709551615UL, "rmse", value, 1.25);

    private DataFormatException ResultsError(string content) =>
        Assert.Throws<DataFormatException>(() => ResultsFile.Read(_dir.File("results.csv", content)));

    [Fact]
    public void Results_csv_with_bom_crlf_and_quoted_fields_reads_like_the_plain_file()
    {
        string plain = ResultsFile.Header + "\n" + ResultsBody;
        string dressed = "\uFEFF" + ResultsFile.Header.Replace("study", "\"study\"", StringComparison.Ordinal) + "\r\n\"spy\",\"test/spy\",scratch,2,0,1,\"error\",0.5,0.1\r\n";
        var a = ResultsFile.Read(_dir.File("a.csv", plain));
        var b = ResultsFile.Read(_dir.File("b.csv", dressed));
        Assert.Equal(a, b);
        Assert.Equal(new ResultRow("spy", "test/spy", "scratch", 2, 0, 1, "error", 0.5, 0.1), Assert.Single(a));
    }

    [Fact]
    public void Results_rows_round_trip_with_commas_quotes_line_breaks_nan_and_the_largest_seed()
    {
        ResultRow[] rows = [Row("a,b", "say \"hi\"", double.NaN), Row("two\nlines", "s", -1.5, 1), Row("p", "s", double.PositiveInfinity, 2)];
        string path = Path.Combine(_dir.Path, "r.csv");
        ResultsFile.Rewrite(path, rows);
        Assert.Equal(rows, ResultsFile.Read(path));
    }

    [Theory]
    [InlineData("study,problem,strategy,n_target,repeat,seed,metric,value,fit_seconds,extra", "extra", "unknown column")]
    [InlineData("study,problem,strategy,n_target,repeat,seed,metric,value,value", "value", "duplicate column")]
    [InlineData("study,problem,strategy,n_target,repeat,seed,metric,value", "fit_seconds", "missing required column")]
    public void Results_header_with_extra_duplicated_or_missing_columns_is_an_error_on_line_1(string header, string column, string message)
    {
        var e = ResultsError(header + "\n" + ResultsBody);
        Assert.Equal(1, e.Row);
        Assert.Equal(column, e.Column);
        Assert.Contains(message, e.Problem, StringComparison.Ordinal);
        Assert.Contains("results.csv", e.File, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("spy,test/spy,scratch,-2,0,1,error,0.5,0.1", "n_target", "expected a non-negative integer, found '-2'")]
    [InlineData("spy,test/spy,scratch,2,x,1,error,0.5,0.1", "repeat", "expected a non-negative integer, found 'x'")]
    [InlineData("spy,test/spy,scratch,2,0,-1,error,0.5,0.1", "seed", "expected an unsigned integer, found '-1'")]
    [InlineData("spy,test/spy,scratch,2,0,1,error,abc,0.1", "value", "expected a number, found 'abc'")]
    [InlineData("spy,test/spy,scratch,2,0,1,error,0.5,", "fit_seconds", "expected a number, found ''")]
    [InlineData("spy,,scratch,2,0,1,error,0.5,0.1", "problem", "empty value")]
    [InlineData("spy,test/spy,,2,0,1,error,0.5,0.1", "strategy", "empty value")]
    [InlineData("spy,test/spy,scratch,2,0,1,,0.5,0.1", "metric", "empty value")]
    [InlineData("spy,test/spy,scratch,2,0,1,error,0.5", "fit_seconds", "expected 9 fields, found 8")]
    [InlineData("spy,\"test/spy,scratch,2,0,1,error,0.5,0.1", "(quoting)", "unclosed double quote")]
    public void Results_row_errors_name_the_file_line_and_column(string line, string column, string message)
    {
        var e = ResultsError(ResultsFile.Header + "\n" + ResultsBody + line + "\n");
        Assert.Equal(3, e.Row);
        Assert.Equal(column, e.Column);
        Assert.Contains(message, e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cut_off_last_line_is_dropped_only_when_allowed()
    {
        string path = _dir.File("results.csv", ResultsFile.Header + "\n" + ResultsBody + "spy,test/spy,scratch,2,0,1,score,0.");
        Assert.Single(ResultsFile.Read(path, allowCutOffTail: true));
        Assert.Throws<DataFormatException>(() => ResultsFile.Read(path));
    }

    [Fact]
    public void Ids_that_start_like_a_formula_are_neutralised_but_negative_numbers_stay_numbers()
    {
        var row = new ResultRow("=cmd|'/c calc'!A0", "+p", "-s", 4, 0, 7, "@m", -1.5, 0.5);
        string line = ResultsFile.Format(row);
        Assert.Equal("'=cmd|'/c calc'!A0,'+p,'-s,4,0,7,'@m,-1.5,0.5\n", line);
        string path = _dir.File("results.csv", ResultsFile.Header + "\n" + line);
        Assert.Equal(row, Assert.Single(ResultsFile.Read(path))); // the apostrophe is the writer's, not the id's

        var summary = new SummaryRow("=p", "-s", 4, "rmse", 3, -1.5, 0.25, -2, -1, 1, 0, double.NaN, "", false);
        string csv = SummaryCsv.Format([summary]);
        Assert.EndsWith("\n'=p,'-s,4,rmse,3,-1.5,0.25,-2,-1,1,0,NaN,,false\n", csv, StringComparison.Ordinal);
        Assert.Equal(summary, Assert.Single(SummaryCsv.Read(_dir.File("summary.csv", csv))));
    }

    [Fact]
    public void Summary_csv_accepts_bom_and_crlf_and_rejects_a_duplicated_column()
    {
        var summary = new SummaryRow("p", "s", 4, "rmse", 3, 0.5, 0.1, 0.4, 0.6, 1, 0, 2, "lower", true);
        string csv = SummaryCsv.Format([summary]);
        Assert.Equal(summary, Assert.Single(SummaryCsv.Read(_dir.File("a.csv", "\uFEFF" + csv.Replace("\n", "\r\n", StringComparison.Ordinal)))));

        var e = Assert.Throws<DataFormatException>(() => SummaryCsv.Read(_dir.File("b.csv", csv.Replace("negative_transfer", "mean", StringComparison.Ordinal))));
        Assert.Equal((1L, "mean"), (e.Row, e.Column));
        Assert.Contains("duplicate column", e.Problem, StringComparison.Ordinal);

        var bad = Assert.Throws<DataFormatException>(() => SummaryCsv.Read(_dir.File("c.csv", csv.Replace(",true\n", ",yes\n", StringComparison.Ordinal))));
        Assert.Equal((2L, "negative_transfer"), (bad.Row, bad.Column));
    }

    [Fact]
    public void Timings_csv_holds_timing_columns_only_and_round_trips()
    {
        var manifest = new ProblemManifest("p", "p", "", "n", [new MetricInfo("err", "", true), new MetricInfo("seconds_to_target", "s", true, IsTiming: true)], ["scratch"], [4], null);
        ResultRow[] rows =
        [
            new("s", "p", "scratch", 4, 0, 1, "err", 0.5, 2.0),
            new("s", "p", "scratch", 4, 0, 1, "seconds_to_target", 1.0, 2.0),
            new("s", "p", "scratch", 4, 1, 2, "err", 0.5, 4.0),
            new("s", "p", "scratch", 4, 1, 2, "seconds_to_target", 3.0, 4.0),
        ];
        var timings = TimingsBuilder.Build([manifest], rows);
        string path = Path.Combine(_dir.Path, "timings.csv");
        TimingsCsv.Write(path, timings);
        string header = File.ReadLines(path).First();
        Assert.Equal("problem,strategy,n_target,metric,unit,count,mean,std,min,median,max", header);
        foreach (string transferColumn in new[] { "rpr", "degradation", "data_efficiency", "negative_transfer", "ci95" })
        {
            Assert.DoesNotContain(transferColumn, File.ReadAllText(path), StringComparison.Ordinal);
        }

        Assert.Equal(timings, TimingsCsv.Read(path));
        var fit = timings.Single(t => t.Metric == TimingsBuilder.FitSeconds);
        Assert.Equal((2, 3.0, 2.0, 4.0, "s"), (fit.Count, fit.Mean, fit.Min, fit.Max, fit.Unit));
    }

    [Fact]
    public void Regression_table_accepts_bom_crlf_and_quoted_fields()
    {
        string plain = RegressionTable.Read(_dir.File("a.csv", "id,x1,x2,y\na,1,2,3\nb,4,5,6\n")).Records[1].Id;
        var t = RegressionTable.Read(_dir.File("b.csv", "\uFEFF\"id\",x1,x2,y\r\n\"a, first\",1,2,3\r\n\"b \"\"q\"\"\",4,\"5\",6\r\n"));
        Assert.Equal("b", plain);
        Assert.Equal(["a, first", "b \"q\""], t.Records.Select(r => r.Id));
        Assert.Equal(5.0, t.X[1, 1]);
        Assert.Equal(6.0, t.Y[1]);
    }

    [Theory]
    [InlineData("x1,y,x1\n1,2,3\n", 1, "x1", "twice")]
    [InlineData("x1,x3,y\n1,2,3\n", 1, "x3", "unknown column")]
    [InlineData("id,x1,y\n\n", 2, "(line)", "no data rows")]
    [InlineData("x1,y\n1,\"2\n", 2, "(quoting)", "unclosed double quote")]
    [InlineData("x1,y,time\n1,2,yesterday\n", 2, "time", "not an ISO 8601 date")]
    public void Regression_table_errors_name_file_row_and_column(string csv, long row, string column, string message)
    {
        var e = Assert.Throws<DataFormatException>(() => RegressionTable.Read(_dir.File("t.csv", csv)));
        Assert.Equal((row, column), (e.Row, e.Column));
        Assert.Contains(message, e.Problem, StringComparison.Ordinal);
    }
}
