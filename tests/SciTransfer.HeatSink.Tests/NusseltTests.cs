using System.Text.Json;
using SciTransfer.Core.Random;
using SciTransfer.HeatSink.Data;
using SciTransfer.HeatSink.Physics;
using SciTransfer.HeatSink.Problems;
using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Options;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.HeatSink.Tests;

public sealed class NusseltTests
{
    [Fact]
    public void Shah_London_gives_the_textbook_square_duct_and_parallel_plate_values()
    {
        Assert.Equal(3.61, NusseltCorrelations.ShahLondon(1.0), 2);
        Assert.Equal(8.235, NusseltCorrelations.ShahLondon(1e-12), 6);
        Assert.Equal(NusseltCorrelations.ShahLondon(0.5), NusseltCorrelations.ShahLondon(2.0), 12);
    }

    [Fact]
    public void Liquid_metal_correlations_tend_to_their_conduction_limits_at_low_Peclet()
    {
        Assert.Equal(7.0, NusseltCorrelations.Lyon(1e-9), 6);
        Assert.Equal(5.0, NusseltCorrelations.SebanShimazaki(1e-9), 6);
        Assert.Equal(4.82, NusseltCorrelations.Skupinski(1e-9), 6);
        Assert.Equal(0.023 * Math.Pow(1e4, 0.8) * Math.Pow(5.85, 0.4), NusseltCorrelations.DittusBoelter(1e4, 5.85), 10);
    }

    [Fact]
    public void Csv_round_trip_keeps_every_field()
    {
        var rows = NusseltGenerator.Generate("sodium", 5, new Rng(1));
        var text = new StringWriter();
        NusseltCsv.Write(text, rows);
        var back = NusseltCsv.Read(new StringReader(text.ToString()), "t.csv");
        Assert.Equal(rows.Count, back.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            Assert.Equal(rows[i].Fluid, back[i].Fluid);
            Assert.Equal(rows[i].Nu, back[i].Nu, 4);
            Assert.Equal(rows[i].Peclet, back[i].Peclet, 3);
        }
    }

    [Theory]
    [InlineData("fluid,pe,dh_m,aspect_ratio,length_m,width_m,l_over_d\nwater,1,1,1,1,1,1\n", 1, "nu")]
    [InlineData("fluid,pe,dh_m,aspect_ratio,length_m,width_m,l_over_d,nu,comment\nwater,1,1,1,1,1,1,1,x\n", 1, "comment")]
    [InlineData("fluid,pe,dh_m,aspect_ratio,length_m,width_m,l_over_d,nu\nwater,1,1,0.5,1,1,1,1\nwater,1,\"1,0.5,1,1,1,1\n", 3, "(quoting)")]
    [InlineData("fluid,pe,dh_m,aspect_ratio,length_m,width_m,l_over_d,nu\nwater,1,1,0.5,1,1,1,1\nsodium,x,1,0.5,1,1,1,1\n", 3, "pe")]
    [InlineData("fluid,pe,dh_m,aspect_ratio,length_m,width_m,l_over_d,nu\nwater,1,1,1.5,1,1,1,1\n", 2, "aspect_ratio")]
    [InlineData("fluid,pe,dh_m,aspect_ratio,length_m,width_m,l_over_d,nu\nair,1,1,0.5,1,1,1,1\n", 2, "fluid")]
    [InlineData("fluid,pe,dh_m,aspect_ratio,length_m,width_m,l_over_d,nu\nwater,1,1,0.5,1,1,1,-2\n", 2, "nu")]
    [InlineData("fluid,pe,dh_m,aspect_ratio,length_m,width_m,l_over_d,nu\nwater,1,1\n", 2, "aspect_ratio")]
    public void Csv_errors_name_the_row_and_column(string text, long row, string column)
    {
        var e = Assert.Throws<DataFormatException>(() => NusseltCsv.Read(new StringReader(text), "cfd.csv"));
        Assert.Equal("cfd.csv", e.File);
        Assert.Equal(row, e.Row);
        Assert.Equal(column, e.Column);
    }

    [Fact]
    public void Generated_sodium_data_sit_below_the_Lyon_correlation()
    {
        var rows = NusseltGenerator.Generate("sodium", 200, new Rng(2), noise: 0);
        Assert.All(rows, r => Assert.True(r.Nu < NusseltCorrelations.Lyon(r.Peclet), $"Nu {r.Nu} at Pe {r.Peclet}"));
    }

    [Trait("Category", "Slow")]

    [Fact]
    public void Fine_tuning_the_water_network_beats_training_on_the_few_sodium_points_alone()
    {
        var factory = new NusseltFactory();
        var reader = new OptionsReader("t.json", "$.options", JsonDocument.Parse("""{ "source_steps": 1500, "steps": 600, "test_size": 200 }""").RootElement);
        var configured = factory.Create(factory.Options.Read(reader, quick: false), new ProblemSettings());
        reader.EnsureAllKeysUsed();
        var seeds = new SeedTree(7).Child("nusselt").Child(0);
        var instance = (NusseltInstance)configured.Create(new ProblemContext(0, seeds, new ProblemSettings()));
        instance.UseSource(instance.PretrainSource(new SourceRequest(seeds.Child("source"), null, CancellationToken.None)));
        var perm = seeds.Child("target-subset").CreateRng().Permutation(instance.TargetPoolSize);
        double Mape(string strategy) =>
            configured.Strategies.Find(strategy)!.Run(instance, new StrategyCell(4, perm.AsMemory(0, 4), seeds.Child(strategy), null, CancellationToken.None)).Values["mape"];
        double fine = Mape("fine-tune-no-prior");
        double dataOnly = Mape("data-only");
        double correlation = Mape("correlation");
        Assert.True(fine < dataOnly, $"fine-tune {fine:F1} %, data-only {dataOnly:F1} %");
        Assert.True(fine < correlation, $"fine-tune {fine:F1} %, Lyon {correlation:F1} %");
    }

    [Fact]
    public void Missing_data_file_is_a_data_error_naming_the_file()
    {
        var e = Assert.Throws<DataFormatException>(() => NusseltCsv.ReadRows("/nonexistent/cfd.csv"));
        Assert.Equal("/nonexistent/cfd.csv", e.File);
    }

    [Fact]
    public void The_correlations_are_the_only_baselines_and_the_source_is_pretrained_only_for_strategies_that_need_it()
    {
        var problem = new NusseltFactory().Create(ProblemOptions.Defaults(NusseltSettings.Declared), new ProblemSettings());
        Assert.Equal(["correlation", "fitted-correlation"], problem.Strategies.Where(s => s.IsBaseline).Names());
        Assert.False(problem.Strategies.Where(s => s.Name is "correlation" or "scratch" or "data-only" or "oracle").AnyNeedsSource());
        Assert.True(problem.Strategies.Where(s => s.Name.StartsWith("fine-tune", StringComparison.Ordinal) || s.Name == "source-only").All(s => s.Needs.HasFlag(StrategyNeeds.Source)));
        Assert.Equal(48, problem.MaxTargetSize);
    }
}
