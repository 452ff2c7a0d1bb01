namespace SciTransfer.Cli.Tests;

public class ProgressLineTests
{
    private const string LongCell = "quantum/fashion-to-digits/qcnn/fine-tune-with-a-very-long-strategy-name/n=4096/repeat=17: source epoch 12/400 loss 0.1234";

    [Theory]
    [InlineData(79)]
    [InlineData(119)]
    [InlineData(200)]
    [InlineData(60)]
    public void The_line_fits_the_width_and_keeps_the_whole_bar_and_both_labelled_times(int width)
    {
        string line = ProgressLine.Format(width, 123, 4000, 2000, TimeSpan.FromHours(12.5), TimeSpan.FromHours(30), LongCell);
        Assert.True(line.Length <= width, $"{line.Length} > {width}: {line}");
        int close = line.IndexOf(']', StringComparison.Ordinal);
        Assert.StartsWith("[", line, StringComparison.Ordinal);
        Assert.InRange(close - 1, ProgressLine.MinBar, ProgressLine.MaxBar);
        Assert.Matches(@"^\[[#.]+\]", line);
        Assert.Contains("elapsed 12:30:00", line, StringComparison.Ordinal);
        Assert.Contains("left 30:00:00", line, StringComparison.Ordinal);
        Assert.Contains("2123/6000", line, StringComparison.Ordinal);
    }

    [Fact]
    public void At_80_columns_a_long_description_is_cut_with_an_ellipsis_and_a_resume_shows_the_cells_done_before()
    {
        string line = ProgressLine.Format(79, 10, 100, 50, TimeSpan.FromSeconds(65), TimeSpan.FromSeconds(125), LongCell);
        Assert.Contains("60/150 (50 done before) elapsed 1:05 left 2:05", line, StringComparison.Ordinal);
        Assert.EndsWith("\u2026", line, StringComparison.Ordinal);
        Assert.Equal(79, line.Length);
    }

    [Fact]
    public void A_fresh_run_with_no_estimate_yet_says_left_unknown_and_the_bar_tracks_the_fraction_done()
    {
        string line = ProgressLine.Format(79, 0, 10, 0, TimeSpan.Zero, null, "study");
        Assert.Contains("0/10 elapsed 0:00 left ?", line, StringComparison.Ordinal);
        Assert.DoesNotContain("done before", line, StringComparison.Ordinal);
        Assert.Equal("#####.....", ProgressLine.Bar(10, 0.5));
        Assert.Equal("..........", ProgressLine.Bar(10, 0));
        Assert.Equal("##########", ProgressLine.Bar(10, 1.7));
    }

    [Fact]
    public void Durations_read_as_minutes_hours_or_days()
    {
        Assert.Equal("0:59", ProgressLine.Duration(TimeSpan.FromSeconds(59)));
        Assert.Equal("1:00:00", ProgressLine.Duration(TimeSpan.FromHours(1)));
        Assert.Equal("4d07h", ProgressLine.Duration(TimeSpan.FromHours((4 * 24) + 7)));
        Assert.Equal("0:00", ProgressLine.Duration(TimeSpan.FromSeconds(-3)));
    }
}
