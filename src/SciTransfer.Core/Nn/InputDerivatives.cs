using SciTransfer.Core.Autodiff;

namespace SciTransfer.Core.Nn;

/// <summary>
/// A network's output and its derivatives with respect to the inputs at N points:
/// <see cref="Value"/> [N, out], <see cref="Gradient"/>[k] = d out / d x_k [N, out] (one per input
/// dimension), <see cref="Laplacian"/> = sum_k d^2 out / d x_k^2 [N, out]. All three are tape values,
/// differentiable with respect to the network's parameters.
/// </summary>
public sealed record InputDerivatives(Var Value, Var[] Gradient, Var Laplacian);
