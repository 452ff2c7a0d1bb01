using SciTransfer.Core.Random;

namespace SciTransfer.Core.Tests.Random;

public class RngTests
{
    [Fact]
    public void Xoshiro256StarStar_matches_the_reference_vector_for_state_1_2_3_4()
    {
        // Published reference outputs of xoshiro256** (Blackman & Vigna) from s = {1, 2, 3, 4}.
        var rng = Rng.FromState(1, 2, 3, 4);
        ulong[] expected = [11520UL, 0UL, 1509978240UL, 1215971899390074240UL];
        foreach (ulong e in expected)
        {
            Assert.Equal(e, rng.NextUInt64());
        }
    }

    [Fact]
    public void SplitMix64_matches_the_reference_vector_for_seed_0()
    {
        ulong state = 0;
        Assert.Equal(0xE220A8397B1DCDAFUL, SplitMix64.Next(ref state));
        Assert.Equal(0x6E789E6AA1B965F4UL, SplitMix64.Next(ref state));
        Assert.Equal(0x06C45D188009454FUL, SplitMix64.Next(ref state));
    }

    [Fact]
    public void Seeding_expands_one_seed_through_splitmix64_into_the_xoshiro_state()
    {
        ulong sm = 42;
        var manual = Rng.FromState(SplitMix64.Next(ref sm), SplitMix64.Next(ref sm), SplitMix64.Next(ref sm), SplitMix64.Next(ref sm));
        var seeded = new Rng(42);
        for (int i = 0; i < 16; i++)
        {
            Assert.Equal(manual.NextUInt64(), seeded.NextUInt64());
        }
    }

    [Fact]
    public void Uniform_doubles_have_mean_one_half_and_variance_one_twelfth()
    {
        var rng = new Rng(7);
        const int n = 200_000;
        double sum = 0, sumSq = 0;
        for (int i = 0; i < n; i++)
        {
            double u = rng.NextDouble();
            Assert.InRange(u, 0.0, 1.0 - 1e-17);
            sum += u;
            sumSq += u * u;
        }

        double mean = sum / n;
        Assert.Equal(0.5, mean, 0.005);
        Assert.Equal(1.0 / 12, (sumSq / n) - (mean * mean), 0.002);
    }

    [Fact]
    public void Normal_draws_have_zero_mean_unit_variance_and_gaussian_tails()
    {
        var rng = new Rng(11);
        const int n = 200_000;
        double sum = 0, sumSq = 0;
        int beyond2 = 0;
        for (int i = 0; i < n; i++)
        {
            double z = rng.Normal();
            sum += z;
            sumSq += z * z;
            if (Math.Abs(z) > 2)
            {
                beyond2++;
            }
        }

        Assert.Equal(0, sum / n, 0.01);
        Assert.Equal(1, sumSq / n, 0.02);
        Assert.Equal(0.0455, (double)beyond2 / n, 0.003); // P(|Z| > 2) = 0.0455
    }

    [Fact]
    public void NextInt_is_unbiased_across_a_range_that_does_not_divide_two_to_the_64()
    {
        var rng = new Rng(3);
        var counts = new int[7];
        const int n = 70_000;
        for (int i = 0; i < n; i++)
        {
            counts[rng.NextInt(7)]++;
        }

        // Chi-square with 6 degrees of freedom; the 99.9 % quantile is 22.46.
        double chi2 = counts.Sum(c => Math.Pow(c - (n / 7.0), 2) / (n / 7.0));
        Assert.True(chi2 < 22.46, $"chi2 = {chi2}");
    }

    [Fact]
    public void Permutation_contains_every_index_once()
    {
        int[] p = new Rng(5).Permutation(1000);
        Assert.Equal(Enumerable.Range(0, 1000), p.Order());
        Assert.NotEqual(Enumerable.Range(0, 1000), p);
    }

    [Fact]
    public void Seed_tree_children_depend_on_the_purpose_and_not_on_the_order_of_derivation()
    {
        var root = new SeedTree(123);
        ulong a1 = root.Child("source").Key;
        ulong b1 = root.Child("target").Key;
        var root2 = new SeedTree(123);
        ulong b2 = root2.Child("target").Key;
        ulong a2 = root2.Child("source").Key;
        Assert.Equal(a1, a2);
        Assert.Equal(b1, b2);
        Assert.NotEqual(a1, b1);
        Assert.NotEqual(root.Child(0).Key, root.Child(1).Key);
        Assert.NotEqual(new SeedTree(124).Child("source").Key, a1);
        Assert.Equal("root/source/#2", root.Child("source").Child(2).Path);
    }

    [Fact]
    public void Split_streams_are_uncorrelated_with_their_parent()
    {
        var parent = new Rng(9);
        var child = parent.Split();
        const int n = 50_000;
        double sxy = 0;
        for (int i = 0; i < n; i++)
        {
            sxy += (parent.NextDouble() - 0.5) * (child.NextDouble() - 0.5);
        }

        // Correlation of independent uniforms: sd of the estimate is 1/sqrt(n).
        Assert.InRange(sxy / n * 12, -5 / Math.Sqrt(n), 5 / Math.Sqrt(n));
    }

    [Fact]
    public void Random_adapter_lets_mathnet_sample_from_our_stream_reproducibly()
    {
        double[] Draw() =>
        [
            .. Enumerable.Range(0, 5).Select(_ => 0.0).Select((_, i) => MathNet.Numerics.Distributions.Normal.Sample(new RngRandomAdapter(new Rng(77 + (ulong)i)), 0, 1)),
        ];
        Assert.Equal(Draw(), Draw());
        var adapter = new RngRandomAdapter(new Rng(1));
        for (int i = 0; i < 1000; i++)
        {
            Assert.InRange(adapter.Next(10), 0, 9);
            Assert.InRange(adapter.Next(-3, 3), -3, 2);
        }
    }
}
