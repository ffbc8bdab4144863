using System;
using Gen.Tests.Models;
using Xunit;

namespace Gen.Tests;

/// <summary>
/// Metrics on models whose weights are set by hand, so every prediction, count and error below is
/// computed by hand from the inputs.
/// </summary>
public sealed class MetricsTests
{
    /// <summary>Logits (x0, x1, 0): the predicted class is the index of the largest of x0, x1 and 0.</summary>
    private static ThreeClassLinear ThreeClasses()
    {
        var model = new ThreeClassLinear();
        Span<float> p = model.Parameters; // weights [2 × 3] row-major, then 3 biases
        p.Clear();
        p[0] = 1; // input 0 → class 0
        p[4] = 1; // input 1 → class 1
        return model;
    }

    /// <summary>
    /// Ten samples (three mini-batches of 4, the last partial) with label → prediction:
    /// (2,0) 0→0, (0,2) 1→1, (−1,−1) 2→2, (1,3) 0→1, (−2,−3) 1→2, (3,1) 2→0, (5,0) 0→0,
    /// (−1,−2) 2→2, (0,1) 1→1, (4,−1) 1→0.
    /// </summary>
    private static Dataset ThreeClassData() => Dataset.FromArrays(
        [2, 0, 0, 2, -1, -1, 1, 3, -2, -3, 3, 1, 5, 0, -1, -2, 0, 1, 4, -1],
        2,
        [0, 1, 2, 0, 1, 2, 0, 2, 1, 1]);

    [Fact]
    public void The_confusion_matrix_counts_actual_against_predicted()
    {
        ConfusionMatrix matrix = Metrics.ConfusionMatrix(ThreeClasses(), ThreeClassData());

        // Rows actual, columns predicted.
        int[,] expected = { { 2, 1, 0 }, { 1, 2, 1 }, { 1, 0, 2 } };
        Assert.Equal(3, matrix.Classes);
        Assert.Equal(10, matrix.Total);
        Assert.Equal(expected, matrix.ToArray());
        Assert.Equal(1, matrix[1, 2]);
        Assert.Equal(0.6, matrix.Accuracy, 15);

        // Precision: the diagonal over each predicted column (4, 3, 3); recall: over each actual row (3, 4, 3).
        Assert.Equal(2.0 / 4, matrix.Precision(0), 15);
        Assert.Equal(2.0 / 3, matrix.Precision(1), 15);
        Assert.Equal(2.0 / 3, matrix.Precision(2), 15);
        Assert.Equal(2.0 / 3, matrix.Recall(0), 15);
        Assert.Equal(2.0 / 4, matrix.Recall(1), 15);
        Assert.Equal(2.0 / 3, matrix.Recall(2), 15);
        Assert.Equal(4.0 / 7, matrix.F1(0), 14);
        Assert.Equal(4.0 / 7, matrix.F1(1), 14);
        Assert.Equal(2.0 / 3, matrix.F1(2), 14);
        Assert.Equal(4, matrix.Support(1));
        Assert.Equal(4, matrix.Predicted(0));
    }

    [Fact]
    public void Accuracy_agrees_with_the_matrix_and_Evaluate()
    {
        ThreeClassLinear model = ThreeClasses();
        Assert.Equal(0.6, Metrics.Accuracy(model, ThreeClassData()), 15);
        Assert.Equal(0.6, model.Evaluate(ThreeClassData()).Accuracy!.Value, 15);
    }

    [Fact]
    public void The_confusion_matrix_prints_as_a_table()
    {
        string table = Metrics.ConfusionMatrix(ThreeClasses(), ThreeClassData()).ToString();
        string expected = string.Join('\n',
            "actual \\ predicted        0        1        2      recall",
            "                 0        2        1        0      66.7 %",
            "                 1        1        2        1      50.0 %",
            "                 2        1        0        2      66.7 %",
            "         precision   50.0 %   66.7 %   66.7 %",
            "accuracy 60.0 % of 10 samples");
        Assert.Equal(expected, table);
    }

    [Fact]
    public void A_one_output_binary_classifier_has_classes_0_and_1()
    {
        var model = new OneOutputBinaryLinear();
        model.Parameters[0] = 1; // p = sigmoid(x): class 1 from x ≥ 0
        model.Parameters[1] = 0;

        // x → prediction: 2 → 1, −1 → 0, 0.5 → 1, −3 → 0, 1 → 1, −0.2 → 0; targets 1 0 0 0 1 1.
        Dataset data = Dataset.FromArrays([2, -1, 0.5f, -3, 1, -0.2f], 1, [1f, 0, 0, 0, 1, 1], 1);
        ConfusionMatrix matrix = Metrics.ConfusionMatrix(model, data);
        Assert.Equal(new[,] { { 2, 1 }, { 1, 2 } }, matrix.ToArray());
        Assert.Equal(4.0 / 6, matrix.Accuracy, 15);
        Assert.Equal(2.0 / 3, matrix.Precision(1), 15);
        Assert.Equal(2.0 / 3, matrix.Recall(1), 15);
        Assert.Equal(4.0 / 6, Metrics.Accuracy(model, data), 15);
    }

    /// <summary>y0 = 2x + 1 and y1 = <paramref name="constant"/>.</summary>
    private static TwoOutputLinear Regressor(float constant)
    {
        var model = new TwoOutputLinear();
        Span<float> p = model.Parameters; // weights [1 × 2], then 2 biases
        p[0] = 2;
        p[1] = 0;
        p[2] = 1;
        p[3] = constant;
        return model;
    }

    /// <summary>
    /// x = 0..4 (two mini-batches); output 0's targets 1.5, 2.5, 5, 7, 9 against predictions 1, 3, 5, 7, 9
    /// (errors −0.5, 0.5, 0, 0, 0); output 1's targets are all 3.
    /// </summary>
    private static Dataset RegressionData() => Dataset.FromArrays(
        [0, 1, 2, 3, 4],
        1,
        [1.5f, 3, 2.5f, 3, 5, 3, 7, 3, 9, 3],
        2);

    [Fact]
    public void Regression_metrics_match_the_hand_computed_values()
    {
        RegressionMetrics metrics = Metrics.Regression(Regressor(3), RegressionData());

        // Ten values, squared errors summing to 0.5 and absolute errors to 1.
        Assert.Equal(0.05, metrics.MeanSquaredError, 15);
        Assert.Equal(0.1, metrics.MeanAbsoluteError, 15);
        Assert.Equal(Math.Sqrt(0.05), metrics.RootMeanSquaredError, 15);

        // Output 0: mean 5, total sum of squares 3.5² + 2.5² + 0 + 2² + 4² = 38.5, R² = 1 − 0.5/38.5 = 76/77.
        // Output 1: a constant target predicted exactly scores 1 (scikit-learn's force_finite).
        Assert.Equal(76.0 / 77, metrics.RSquaredPerOutput[0], 15);
        Assert.Equal(1, metrics.RSquaredPerOutput[1]);
        Assert.Equal(((76.0 / 77) + 1) / 2, metrics.RSquared, 15);
        Assert.Equal(5, metrics.Count);
    }

    [Fact]
    public void A_constant_target_predicted_wrong_scores_R2_zero()
    {
        RegressionMetrics metrics = Metrics.Regression(Regressor(2.5f), RegressionData());

        // Output 1 is now off by 0.5 on all five samples: squared errors 0.5 + 1.25, absolute 1 + 2.5.
        Assert.Equal(0.175, metrics.MeanSquaredError, 15);
        Assert.Equal(0.35, metrics.MeanAbsoluteError, 15);
        Assert.Equal(0, metrics.RSquaredPerOutput[1]);
        Assert.Equal(38.0 / 77, metrics.RSquared, 15);
    }

    [Fact]
    public void The_MSE_of_a_mean_squared_error_model_is_its_loss()
    {
        TwoOutputLinear model = Regressor(2.5f);
        Assert.Equal(model.Evaluate(RegressionData()).Loss, Metrics.Regression(model, RegressionData()).MeanSquaredError, 6);
    }

    [Fact]
    public void Regression_metrics_print_on_one_line()
    {
        var metrics = new RegressionMetrics(0.05, 0.1, 0.99350649350649356, [0.987012987012987, 1], 5);
        Assert.Equal("MSE 0.05  RMSE 0.2236  MAE 0.1  R² 0.9935  (5 samples)", metrics.ToString());
    }

    [Fact]
    public void The_wrong_metric_for_the_model_is_refused_with_the_right_one_named()
    {
        var classification = Assert.Throws<InvalidOperationException>(() => Metrics.ConfusionMatrix(Regressor(3), RegressionData()));
        Assert.Contains("Metrics.Regression", classification.Message);
        Assert.Throws<InvalidOperationException>(() => Metrics.Accuracy(Regressor(3), RegressionData()));

        var regression = Assert.Throws<InvalidOperationException>(() => Metrics.Regression(ThreeClasses(), ThreeClassData()));
        Assert.Contains("Metrics.ConfusionMatrix", regression.Message);

        var multiLabel = Assert.Throws<InvalidOperationException>(() =>
            Metrics.ConfusionMatrix(new TwoOutputBinaryLinear(), Dataset.FromArrays([1f], 1, [1f, 0f], 2)));
        Assert.Contains("2 independent binary outputs", multiLabel.Message);
    }

    [Fact]
    public void Bad_data_is_refused()
    {
        var empty = Assert.Throws<ArgumentException>(() => Metrics.ConfusionMatrix(ThreeClasses(), Dataset.FromArrays([], 2, Array.Empty<int>())));
        Assert.Contains("empty", empty.Message);
        Assert.Throws<ArgumentException>(() => Metrics.Regression(Regressor(3), Dataset.FromArrays([1f, 2f], 2, [1f, 2f], 2)));
        Assert.Throws<ArgumentNullException>(() => Metrics.Regression(Regressor(3), null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => Metrics.ConfusionMatrix(ThreeClasses(), Dataset.FromArrays([1f, 2f], 2, [3])));
    }

    [Fact]
    public void A_confusion_matrix_checks_what_it_is_given()
    {
        Assert.Throws<ArgumentException>(() => new ConfusionMatrix(new int[2, 3]));
        Assert.Throws<ArgumentException>(() => new ConfusionMatrix(new int[0, 0]));
        Assert.Throws<ArgumentException>(() => new ConfusionMatrix(new[,] { { 1, -1 }, { 0, 0 } }));
        var counts = new[,] { { 1, 0 }, { 0, 0 } };
        var matrix = new ConfusionMatrix(counts);
        counts[0, 0] = 5;
        Assert.Equal(1, matrix[0, 0]); // copied
        Assert.Equal(0, matrix.Precision(1)); // never predicted
        Assert.Equal(0, matrix.Recall(1)); // no sample
        Assert.Equal(0, matrix.F1(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => matrix[2, 0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => matrix.Recall(-1));
    }
}
