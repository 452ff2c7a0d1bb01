namespace SciTransfer.Epidemiology.Forest;

/// <summary>Anything that maps one feature vector (length p) to a real prediction.</summary>
public interface IRegressor
{
    /// <summary>Prediction for one feature vector.</summary>
    double Predict(ReadOnlySpan<double> features);
}
