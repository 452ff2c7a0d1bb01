namespace SciTransfer.Core.Nn;

/// <summary>LSTM gate blocks, in the order they are laid out in the weight columns and the bias: [i | f | c | o].</summary>
public enum LstmGate
{
    /// <summary>Input gate i = sigmoid(.).</summary>
    Input = 0,

    /// <summary>Forget gate f = sigmoid(.).</summary>
    Forget = 1,

    /// <summary>Cell candidate g = tanh(.).</summary>
    Cell = 2,

    /// <summary>Output gate o = sigmoid(.).</summary>
    Output = 3,
}
