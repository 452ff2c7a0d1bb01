using System.Numerics;
using SciTransfer.Core.Random;
using SciTransfer.Quantum.Backends;
using SciTransfer.Quantum.Models;
using SciTransfer.Quantum.Problems;
using SciTransfer.Quantum.Qcnn;
using SciTransfer.Quantum.Simulation;
using SciTransfer.Quantum.Tests.Support;
using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.Quantum.Tests;

/// <summary>
/// k-class readout through the problems (issue 18 item 3): the k-class MLP's softmax cross-entropy against finite
/// differences, the QCNN's outcome probabilities at 16 qubits against the reference simulator's marginal, one-vs-rest
/// logistic regression, and the options source_classes / target_classes with k &gt; 2 and qubits.
/// </summary>
public sealed class MulticlassTests
{
    [Fact]
    public void Classical_k_class_mlp_has_the_stated_count_and_its_cross_entropy_gradient_matches_finite_differences()
    {
        const int F = 10, K = 3;
        var model = new ClassicalModel(F, 60, K);
        int h = (int)Math.Round((60.0 - K) / (F + 1 + K)); // 4
        Assert.Equal(h, model.Hidden);
        Assert.Equal(((F + 1) * h) + ((h + 1) * K), model.ParameterCount);
        Assert.Equal(K, model.Classes);
        Assert.Equal(51, new ClassicalModel(8, 51).ParameterCount); // the binary model is unchanged: (8 + 2) 5 + 1

        var rng = new Rng(3);
        var set = new LabelledSet(F, RandomCircuits.RandomVector(rng, 5 * F, 0, Math.PI), [0, 1, 2, 2, 1], classes: K);
        var p = model.Initialize(rng);
        var g = new double[p.Length];
        double loss = model.LossAndGradient(p, set, g);

        // The loss by hand: mean -log softmax(z)_y with z computed from the flat parameters here.
        double expected = 0;
        for (int i = 0; i < set.Count; i++)
        {
            var z = Logits(p, set.Features.AsSpan(i * F, F), F, h, K);
            expected -= Math.Log(ClassicalModel.Softmax(z)[set.Labels[i]]);
            Assert.Equal(ArgMaxOf(z), model.Classify(p, set)[i]);
        }

        Assert.Equal(expected / set.Count, loss, 12);
        for (int k = 0; k < p.Length; k++)
        {
            var plus = (double[])p.Clone();
            var minus = (double[])p.Clone();
            plus[k] += 1e-6;
            minus[k] -= 1e-6;
            double fd = (model.LossAndGradient(plus, set, new double[p.Length]) - model.LossAndGradient(minus, set, new double[p.Length])) / 2e-6;
            Assert.True(Math.Abs(fd - g[k]) < 1e-7, $"parameter {k}: backward {g[k]} vs finite difference {fd}");
        }
    }

    // Flat layout of ClassicalModel: hidden weight [F, h], hidden bias [h], output weight [h, K], output bias [K].
    private static double[] Logits(double[] p, ReadOnlySpan<double> x, int f, int h, int k)
    {
        var a = new double[h];
        for (int j = 0; j < h; j++)
        {
            double s = p[(f * h) + j];
            for (int i = 0; i < f; i++)
            {
                s += x[i] * p[(i * h) + j];
            }

            a[j] = Math.Tanh(s);
        }

        int o = (f + 1) * h;
        var z = new double[k];
        for (int c = 0; c < k; c++)
        {
            double s = p[o + (h * k) + c];
            for (int j = 0; j < h; j++)
            {
                s += a[j] * p[o + (j * k) + c];
            }

            z[c] = s;
        }

        return z;
    }

    private static int ArgMaxOf(double[] v) => Array.IndexOf(v, v.Max());

    [Fact]
    [Trait("Category", "Slow")] // 6 s on the loaded 2-core VM: the dense reference simulator at 2^16 amplitudes
    public void Sixteen_qubit_four_class_probabilities_equal_the_reference_simulators_marginal_and_sum_to_one()
    {
        var rng = new Rng(1616);
        var q = new QcnnCircuit(ConvAnsatz.Ttn, QcnnEncoding.Angle, 16, PoolingAnsatz.Zx, readoutWires: 2);
        using var backend = BackendSelector.Create("managed", 1, false);
        var model = new QcnnMulticlassModel(q, backend, 4);
        const int B = 2;
        var set = new LabelledSet(16, RandomCircuits.RandomVector(rng, B * 16, 0, Math.PI), [0, 3], classes: 4);
        var p = model.Initialize(rng);
        var probs = model.ClassProbabilities(p, set);
        int[] wires = [.. q.ReadoutWires];
        for (int b = 0; b < B; b++)
        {
            // Independent path: the test project's dense reference simulator, then the marginal summed here.
            var psi = ReferenceSimulator.Run(q.Circuit, p, set.Features.AsSpan(b * 16, 16).ToArray());
            var marginal = new double[4];
            for (int s = 0; s < psi.Length; s++)
            {
                int c = ((s >> wires[0]) & 1) | (((s >> wires[1]) & 1) << 1);
                marginal[c] += Complex.Abs(psi[s]) * Complex.Abs(psi[s]);
            }

            for (int c = 0; c < 4; c++)
            {
                Assert.Equal(marginal[c], probs[(b * 4) + c], 12);
            }

            Assert.Equal(1.0, Enumerable.Range(0, 4).Sum(c => probs[(b * 4) + c]), 12);
        }

        Assert.Equal(Enumerable.Range(0, B).Select(b => ArgMaxOf(probs[(b * 4)..((b + 1) * 4)])), model.Classify(p, set));
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 2)]
    [InlineData(5, 3)]
    [InlineData(8, 3)]
    [InlineData(10, 4)]
    public void Readout_wires_are_ceil_log2_of_the_classes(int classes, int wires) =>
        Assert.Equal(wires, QcnnMulticlassModel.ReadoutWiresFor(classes));

    [Fact]
    public void One_vs_rest_logistic_regression_separates_three_clusters_and_handles_an_absent_class()
    {
        var rng = new Rng(5);
        double[][] centres = [[0, 0], [4, 0], [0, 4]];
        var f = new List<double>();
        var y = new List<int>();
        for (int i = 0; i < 60; i++)
        {
            int c = i % 3;
            f.Add(centres[c][0] + (0.3 * rng.Normal()));
            f.Add(centres[c][1] + (0.3 * rng.Normal()));
            y.Add(c);
        }

        var data = new LabelledSet(2, [.. f], [.. y], classes: 3);
        var ovr = OneVsRestLogistic.Fit(data);
        Assert.Equal(1.0, ovr.Accuracy(data));

        // Only classes 0 and 2 in the subset: class 1 gets the constant "never" model and is never predicted.
        var twoOfThree = data.Subset([.. Enumerable.Range(0, 60).Where(i => y[i] != 1)]);
        var partial = OneVsRestLogistic.Fit(twoOfThree);
        Assert.Equal(double.NegativeInfinity, partial[1].Bias);
        Assert.DoesNotContain(1, partial.Classify(data));
    }

    [Fact]
    public void Class_lists_and_qubits_set_the_circuit_and_the_matched_classical_head()
    {
        var f = new FashionToDigitsFactory();
        var settings = new ProblemSettings(Quick: true, Backend: "managed");
        var qcnn = f.Create(ProblemTests.Options(f, "{\"source_classes\": [0, 1, 7], \"target_classes\": [0, 1, 2], \"qubits\": 10, \"conv\": \"so4\"}", quick: true), settings);
        int expected = QcnnCircuit.ExpectedParameterCount(ConvAnsatz.So4, 10, PoolingAnsatz.Zx, 2); // 10 -> 5 -> 3 -> 2: 3 layers
        Assert.Equal(3 * (6 + 2), expected);
        Assert.Equal(expected, new QcnnCircuit(ConvAnsatz.So4, QcnnEncoding.Angle, 10, PoolingAnsatz.Zx, 2).Circuit.ParameterCount);
        Assert.Equal(expected, qcnn.ParameterCount);
        Assert.Contains("10 qubits, 3 classes read from 2 wires", qcnn.Description, StringComparison.Ordinal);
        Assert.Contains("PCA-10 angle features", qcnn.Description, StringComparison.Ordinal);

        var mlp = f.Create(ProblemTests.Options(f, "{\"source_classes\": [0, 1, 7], \"target_classes\": [0, 1, 2], \"qubits\": 10, \"conv\": \"so4\", \"model\": \"classical\"}", quick: true), settings);
        var head = new ClassicalModel(10, expected, 3); // 10 features, 3 logits
        Assert.Equal(head.ParameterCount, mlp.ParameterCount);
        Assert.Equal(((10 + 1) * head.Hidden) + ((head.Hidden + 1) * 3), mlp.ParameterCount);

        // Defaults stay the 8-qubit binary circuit with the old description.
        var binary = f.Create(ProblemTests.Options(f, "{}", quick: true), settings);
        Assert.Equal(51, binary.ParameterCount);
        Assert.Contains("classes 0 vs 1 -> digits 0 vs 1, PCA-8 angle features", binary.Description, StringComparison.Ordinal);
        Assert.Contains("(U_SU4, 51 parameters", binary.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Mismatched_class_counts_and_multiclass_shots_are_config_errors_naming_the_option()
    {
        var f = new FashionToDigitsFactory();
        var settings = new ProblemSettings(Quick: true);
        var e = Assert.Throws<ConfigException>(() => f.Create(ProblemTests.Options(f, "{\"source_classes\": [0, 1], \"target_classes\": [0, 1, 2]}", quick: true), settings));
        Assert.Contains("target_classes", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ConfigException>(() => f.Create(ProblemTests.Options(f, "{\"source_classes\": [0, 1, 2], \"target_classes\": [0, 1, 2], \"shots\": 100}", quick: true), settings));
        Assert.Contains("target_classes", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ConfigException>(() => f.Create(ProblemTests.Options(f, "{\"source_classes\": [0, 0]}", quick: true), settings));
        Assert.Contains("source_classes", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ConfigException>(() => f.Create(ProblemTests.Options(f, "{\"qubits\": 12, \"noise_depolarizing\": 0.01}", quick: true), settings));
        Assert.Contains("noise_depolarizing", e.Message, StringComparison.Ordinal);
        var c2q = new ClassicalToQuantumFactory();
        e = Assert.Throws<ConfigException>(() => c2q.Create(ProblemTests.Options(c2q, "{\"source_classes\": [0, 1, 2], \"target_classes\": [0, 1]}", quick: true), settings));
        Assert.Contains("target_classes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Slow")] // a few seconds: three-class QCNN and MLP cells on shipped data
    public void Three_class_fashion_to_digits_cells_run_for_both_models_with_accuracy_in_range()
    {
        foreach (string model in new[] { "qcnn", "classical" })
        {
            string json = "{\"source_samples\": 24, \"pool_size\": 12, \"test_size\": 30, \"steps\": 4, \"source_steps\": 6, \"conv\": \"ttn\", "
                + $"\"source_classes\": [0, 1, 7], \"target_classes\": [0, 1, 2], \"qubits\": 10, \"model\": \"{model}\"}}";
            var acc = ProblemTests.RunCells("quantum/fashion-to-digits", json, "managed");
            Assert.All(acc, v => Assert.InRange(v, 0.0, 1.0));
            Assert.Equal(acc, ProblemTests.RunCells("quantum/fashion-to-digits", json, "managed"));
        }
    }
}
