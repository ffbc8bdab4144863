using System.Collections.Generic;
using System.Globalization;

namespace Gen;

/// <summary>The errors of a regression model's outputs against a data set's targets.</summary>
/// <param name="MeanSquaredError">The mean of (output − target)² over every output of every sample.</param>
/// <param name="MeanAbsoluteError">The mean of |output − target| over every output of every sample.</param>
/// <param name="RSquared">
/// The coefficient of determination, 1 − Σ(output − target)² / Σ(target − mean target)², per output
/// and then averaged over the outputs (scikit-learn's <c>r2_score</c> default). 1 is a perfect fit; 0
/// is no better than predicting each output's mean; it can be negative.
/// </param>
/// <param name="RSquaredPerOutput">R² of each output.</param>
/// <param name="Count">The number of samples.</param>
public sealed record RegressionMetrics(
    double MeanSquaredError, double MeanAbsoluteError, double RSquared, IReadOnlyList<double> RSquaredPerOutput, int Count)
{
    /// <summary>The square root of <see cref="MeanSquaredError"/>, in the targets' unit.</summary>
    public double RootMeanSquaredError => System.Math.Sqrt(MeanSquaredError);

    /// <inheritdoc />
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"MSE {MeanSquaredError:G4}  RMSE {RootMeanSquaredError:G4}  MAE {MeanAbsoluteError:G4}  R² {RSquared:F4}  ({Count} samples)");
}
