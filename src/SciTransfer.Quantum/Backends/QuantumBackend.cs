using SciTransfer.Quantum.Simulation;

namespace SciTransfer.Quantum.Backends;

/// <summary>
/// A state-vector simulator backend. Public entry points validate shapes once; the backend's Core
/// methods do the work. States are interleaved complex128 (re, im) arrays, little-endian (qubit k =
/// bit k of the basis index). Results must not depend on <see cref="Threads"/>.
/// </summary>
public abstract class QuantumBackend : IDisposable
{
    /// <summary>Creates a backend that may use up to <paramref name="threads"/> threads.</summary>
    protected QuantumBackend(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        Threads = threads;
    }

    /// <summary>Backend name as in configs and run.json: "managed", "gpu", "opencl", "ilgpu-cpu".</summary>
    public abstract string Name { get; }

    /// <summary>The device that runs the kernels, e.g. "CPU" or "Cuda NVIDIA H200" (recorded in the problem description in run.json).</summary>
    public virtual string Device => "CPU";

    /// <summary>One line saying what runs (CPU features, OpenCL device).</summary>
    public abstract string Description { get; }

    /// <summary>Thread budget for CPU work.</summary>
    public int Threads { get; }

    /// <summary>
    /// Runs the circuit on every sample of the batch and writes the final states:
    /// <paramref name="states"/> is B x 2^(n+1) doubles.
    /// </summary>
    public void Run(CompiledCircuit circuit, ReadOnlySpan<double> parameters, BatchInput input, Span<double> states)
    {
        Validate(circuit, parameters, input, "Run");
        long need = (long)input.Count * 2 * circuit.Dimension;
        if (states.Length != need)
        {
            throw new ArgumentException($"{Name}.Run: states has {states.Length} doubles, expected B x 2^(n+1) = {need}");
        }

        RunCore(circuit, parameters, input, states);
    }

    /// <summary>Expectation &lt;psi_b|P|psi_b&gt; of a Pauli string for every sample b (length B).</summary>
    public void Expectations(CompiledCircuit circuit, ReadOnlySpan<double> parameters, BatchInput input, PauliString observable, Span<double> values)
    {
        Validate(circuit, parameters, input, "Expectations");
        CheckObservable(circuit, observable, "Expectations");
        CheckLength(values.Length, input.Count, "values", "Expectations");
        ExpectationsCore(circuit, parameters, input, observable, values);
    }

    /// <summary>
    /// Adjoint differentiation: values[b] = &lt;P&gt;_b and gradient[k] = sum_b weights[b] d&lt;P&gt;_b / d theta_k,
    /// summed over every occurrence of a shared parameter (the gradient is overwritten).
    /// </summary>
    public void ExpectationsAndGradient(
        CompiledCircuit circuit,
        ReadOnlySpan<double> parameters,
        BatchInput input,
        PauliString observable,
        ReadOnlySpan<double> weights,
        Span<double> values,
        Span<double> gradient)
    {
        Validate(circuit, parameters, input, "ExpectationsAndGradient");
        CheckObservable(circuit, observable, "ExpectationsAndGradient");
        CheckLength(weights.Length, input.Count, "weights", "ExpectationsAndGradient");
        CheckLength(values.Length, input.Count, "values", "ExpectationsAndGradient");
        CheckLength(gradient.Length, circuit.ParameterCount, "gradient", "ExpectationsAndGradient");
        GradientCore(circuit, parameters, input, observable, weights, values, gradient);
    }

    /// <summary>Allocates a single n-qubit state in |0...0> (for large states: gate-major kernels).</summary>
    public QuantumState CreateState(int qubitCount)
    {
        if (qubitCount is < 1 or > 30)
        {
            throw new ArgumentOutOfRangeException(nameof(qubitCount), qubitCount, $"{Name}.CreateState: qubit count must be 1..30");
        }

        return CreateStateCore(qubitCount);
    }

    /// <summary>Applies the circuit to one (large) state in place, one gate at a time, without host round trips.</summary>
    public void Apply(QuantumState state, CompiledCircuit circuit, ReadOnlySpan<double> parameters, ReadOnlySpan<double> dataRow)
    {
        if (state.QubitCount != circuit.QubitCount)
        {
            throw new ArgumentException($"{Name}.Apply: state has {state.QubitCount} qubits, circuit {circuit.QubitCount}");
        }

        CheckLength(parameters.Length, circuit.ParameterCount, "parameters", "Apply");
        if (dataRow.Length < circuit.DataWidth)
        {
            throw new ArgumentException($"{Name}.Apply: data row has {dataRow.Length} values, circuit needs {circuit.DataWidth}");
        }

        ApplyCore(state, circuit, parameters, dataRow);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases native resources.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>Backend work of <see cref="Run"/>.</summary>
    protected abstract void RunCore(CompiledCircuit circuit, ReadOnlySpan<double> parameters, BatchInput input, Span<double> states);

    /// <summary>Backend work of <see cref="Expectations"/>.</summary>
    protected abstract void ExpectationsCore(CompiledCircuit circuit, ReadOnlySpan<double> parameters, BatchInput input, PauliString observable, Span<double> values);

    /// <summary>Backend work of <see cref="ExpectationsAndGradient"/>.</summary>
    protected abstract void GradientCore(
        CompiledCircuit circuit,
        ReadOnlySpan<double> parameters,
        BatchInput input,
        PauliString observable,
        ReadOnlySpan<double> weights,
        Span<double> values,
        Span<double> gradient);

    /// <summary>Backend work of <see cref="CreateState"/>.</summary>
    protected abstract QuantumState CreateStateCore(int qubitCount);

    /// <summary>Backend work of <see cref="Apply"/>.</summary>
    protected abstract void ApplyCore(QuantumState state, CompiledCircuit circuit, ReadOnlySpan<double> parameters, ReadOnlySpan<double> dataRow);

    private void Validate(CompiledCircuit circuit, ReadOnlySpan<double> parameters, BatchInput input, string op)
    {
        CheckLength(parameters.Length, circuit.ParameterCount, "parameters", op);
        if (input.DataWidth < circuit.DataWidth)
        {
            throw new ArgumentException($"{Name}.{op}: batch has {input.DataWidth} data slots per sample, circuit needs {circuit.DataWidth}");
        }

        if (input.HasInitialStates && input.InitialStates.Length != (long)input.Count * 2 * circuit.Dimension)
        {
            throw new ArgumentException($"{Name}.{op}: initial states have {input.InitialStates.Length} doubles, expected {input.Count} x {2 * circuit.Dimension}");
        }
    }

    private void CheckObservable(CompiledCircuit circuit, PauliString observable, string op)
    {
        if (observable.MaxWire >= circuit.QubitCount)
        {
            throw new ArgumentException($"{Name}.{op}: observable uses wire {observable.MaxWire}, circuit has {circuit.QubitCount}");
        }
    }

    private void CheckLength(int actual, int expected, string what, string op)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"{Name}.{op}: {what} has length {actual}, expected {expected}");
        }
    }
}
