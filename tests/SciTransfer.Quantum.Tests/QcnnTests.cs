using SciTransfer.Core.Random;
using SciTransfer.Quantum.Backends;
using SciTransfer.Quantum.Gradients;
using SciTransfer.Quantum.Models;
using SciTransfer.Quantum.Qcnn;
using SciTransfer.Quantum.Simulation;
using SciTransfer.Quantum.Tests.Support;

namespace SciTransfer.Quantum.Tests;

public sealed class QcnnTests
{
    [Theory]
    [InlineData(ConvAnsatz.Ttn, 12)]
    [InlineData(ConvAnsatz.So4, 24)]
    [InlineData(ConvAnsatz.Su4, 51)]
    public void Qcnn_parameter_count_is_three_conv_blocks_plus_six_pooling_angles(ConvAnsatz ansatz, int expected)
    {
        var q = new QcnnCircuit(ansatz, QcnnEncoding.Angle);
        Assert.Equal(expected, q.Circuit.ParameterCount);
        Assert.Equal(QcnnCircuit.ExpectedParameterCount(ansatz), q.Circuit.ParameterCount);
        Assert.Equal(6, q.PoolParameters.Length);
        Assert.Equal(3 * ConvBlocks.ParameterCount(ansatz), q.ConvParameters.Length);
        Assert.Equal(8, q.Circuit.DataWidth);
    }

    [Theory]
    [InlineData(ConvAnsatz.Ttn)]
    [InlineData(ConvAnsatz.So4)]
    [InlineData(ConvAnsatz.Su4)]
    public void Classical_baseline_parameter_count_follows_its_formula_and_is_close_to_the_qcnn(ConvAnsatz ansatz)
    {
        int target = QcnnCircuit.ExpectedParameterCount(ansatz);
        var m = new ClassicalModel(8, target);
        Assert.Equal(((8 + 2) * m.Hidden) + 1, m.ParameterCount);
        Assert.Equal(m.ParameterCount, m.Initialize(new Rng(1)).Length);
        Assert.True(Math.Abs(m.ParameterCount - target) <= 5, $"{m.ParameterCount} vs {target}");
        Assert.Equal(m.ParameterCount - 1 - m.Hidden, m.FrozenByFreezeConv.Count(f => f));
    }

    [Trait("Category", "Slow")]

    [Fact]
    public void Qcnn_adjoint_gradient_matches_parameter_shift_on_the_su4_circuit()
    {
        var q = new QcnnCircuit(ConvAnsatz.Su4, QcnnEncoding.Angle);
        var rng = new Rng(3);
        var p = RandomCircuits.RandomVector(rng, q.Circuit.ParameterCount, 0, 2 * Math.PI);
        var input = new BatchInput(4, 8, RandomCircuits.RandomVector(rng, 32, 0, Math.PI));
        double[] w = [0.3, -0.2, 0.5, 1.0];
        using var backend = new Backends.Managed.ManagedBackend();
        var values = new double[4];
        var adjoint = new double[q.Circuit.ParameterCount];
        backend.ExpectationsAndGradient(q.Circuit, p, input, QcnnCircuit.Readout, w, values, adjoint);
        var shift = ParameterShift.Gradient(backend, q.Circuit, p, input, QcnnCircuit.Readout, w);
        Assert.True(Approx.MaxAbsDiff(adjoint, shift) < 1e-10);
    }

    [Fact]
    public void Model_gradients_match_finite_differences_of_the_cross_entropy_for_both_model_kinds()
    {
        var rng = new Rng(4);
        var set = new LabelledSet(8, RandomCircuits.RandomVector(rng, 6 * 8, 0, Math.PI), [0, 1, 1, 0, 1, 0]);
        using var backend = BackendSelector.Create("managed", 1, false);
        BinaryModelKind[] models = [new QcnnModel(new QcnnCircuit(ConvAnsatz.So4, QcnnEncoding.Angle), backend), new ClassicalModel(8, 24)];
        foreach (var model in models)
        {
            var p = model.Initialize(rng);
            var g = new double[p.Length];
            model.LossAndGradient(p, set, g);
            for (int k = 0; k < p.Length; k += 3)
            {
                var plus = (double[])p.Clone();
                var minus = (double[])p.Clone();
                plus[k] += 1e-6;
                minus[k] -= 1e-6;
                double fd = (model.LossAndGradient(plus, set, new double[p.Length]) - model.LossAndGradient(minus, set, new double[p.Length])) / 2e-6;
                Assert.True(Math.Abs(fd - g[k]) < 1e-6 * Math.Max(1, Math.Abs(fd)), $"{model.Name} parameter {k}: {g[k]} vs {fd}");
            }
        }
    }

    [Fact]
    public void Freeze_conv_training_leaves_conv_parameters_unchanged_and_moves_pooling_ones()
    {
        using var backend = BackendSelector.Create("managed", 1, false);
        var model = new QcnnModel(new QcnnCircuit(ConvAnsatz.Ttn, QcnnEncoding.Angle), backend);
        var rng = new Rng(6);
        var set = new LabelledSet(8, RandomCircuits.RandomVector(rng, 20 * 8, 0, Math.PI), [.. Enumerable.Range(0, 20).Select(i => i % 2)]);
        var start = model.Initialize(rng);
        var trained = BinaryTrainer.Train(model, start, set, new TrainingOptions(5, 10, 0.1), model.FrozenByFreezeConv, rng, default);
        foreach (int k in model.Qcnn.ConvParameters)
        {
            Assert.Equal(start[k], trained[k]);
        }

        Assert.Contains(model.Qcnn.PoolParameters, k => trained[k] != start[k]);
    }
}
