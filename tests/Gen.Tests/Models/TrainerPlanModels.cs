using Gen;

namespace Gen.Tests.Models;

// Models for the trainer's plan: schedules, warmup, plateau reduction, early stopping, validation
// split, the divergence guard and the metrics. Each plan is given by implementing
// ITrainableModel<T>.Plan by hand, as the generator does from the attributes.
//
// The regressors are one linear layer trained with plain SGD (p ← p − lr·g), so a test can read
// the learning rate a step used back from the parameters: lr = (p_before − p_after) / g.

/// <summary>StepLR(step_size = 3, gamma = 0.5) from 0.2.</summary>
[Model(Inputs = 2, Seed = 3)]
[Dense(1)]
[Loss(LossKind.MeanSquaredError)]
[Sgd(LearningRate = 0.2f)]
[Training(BatchSize = 8, Epochs = 10)]
public partial class StepDecayRegressor
{
    static TrainingPlan ITrainableModel<StepDecayRegressor>.Plan => new() { Schedule = new StepDecaySchedule(3, 0.5) };
}

/// <summary>ExponentialLR(gamma = 0.8) from 0.2.</summary>
[Model(Inputs = 2, Seed = 3)]
[Dense(1)]
[Loss(LossKind.MeanSquaredError)]
[Sgd(LearningRate = 0.2f)]
[Training(BatchSize = 8, Epochs = 10)]
public partial class ExponentialDecayRegressor
{
    static TrainingPlan ITrainableModel<ExponentialDecayRegressor>.Plan => new() { Schedule = new ExponentialDecaySchedule(0.8) };
}

/// <summary>LinearLR(start_factor = 1, end_factor = 0.25, total_iters = 4) from 0.2.</summary>
[Model(Inputs = 2, Seed = 3)]
[Dense(1)]
[Loss(LossKind.MeanSquaredError)]
[Sgd(LearningRate = 0.2f)]
[Training(BatchSize = 8, Epochs = 10)]
public partial class LinearDecayRegressor
{
    static TrainingPlan ITrainableModel<LinearDecayRegressor>.Plan => new() { Schedule = new LinearDecaySchedule(0.25, 4) };
}

/// <summary>CosineAnnealingLR(T_max = 5, eta_min = 0.02) from 0.2, for 10 epochs (past T_max the cosine rises again).</summary>
[Model(Inputs = 2, Seed = 3)]
[Dense(1)]
[Loss(LossKind.MeanSquaredError)]
[Sgd(LearningRate = 0.2f)]
[Training(BatchSize = 8, Epochs = 10)]
public partial class CosineDecayRegressor
{
    static TrainingPlan ITrainableModel<CosineDecayRegressor>.Plan => new() { Schedule = new CosineDecaySchedule(5, 0.02) };
}

/// <summary>Three epochs of warmup chained with StepLR(3, 0.5) from 0.2.</summary>
[Model(Inputs = 2, Seed = 3)]
[Dense(1)]
[Loss(LossKind.MeanSquaredError)]
[Sgd(LearningRate = 0.2f)]
[Training(BatchSize = 8, Epochs = 8)]
public partial class EpochWarmupRegressor
{
    static TrainingPlan ITrainableModel<EpochWarmupRegressor>.Plan => new() { Schedule = new StepDecaySchedule(3, 0.5), WarmupEpochs = 3 };
}

/// <summary>Five steps of warmup at a fixed rate of 0.2; 20 samples in batches of 8 make 3 steps per epoch.</summary>
[Model(Inputs = 2, Seed = 3)]
[Dense(1)]
[Loss(LossKind.MeanSquaredError)]
[Sgd(LearningRate = 0.2f)]
[Training(BatchSize = 8, Epochs = 3)]
public partial class StepWarmupRegressor
{
    static TrainingPlan ITrainableModel<StepWarmupRegressor>.Plan => new() { WarmupSteps = 5 };
}

/// <summary>ReduceLROnPlateau(factor = 0.5, patience = 2) at a fixed rate of 0.05.</summary>
[Model(Inputs = 1, Seed = 4)]
[Dense(1)]
[Loss(LossKind.MeanSquaredError)]
[Sgd(LearningRate = 0.05f)]
[Training(BatchSize = 16, Epochs = 10)]
public partial class PlateauRegressor
{
    static TrainingPlan ITrainableModel<PlateauRegressor>.Plan => new() { ReduceOnPlateau = new ReduceOnPlateauOptions(0.5, 2) };
}

/// <summary>Early stopping on the validation loss, patience 3, restoring the best weights.</summary>
[Model(Inputs = 1, Seed = 4)]
[Dense(1)]
[Loss(LossKind.MeanSquaredError)]
[Sgd(LearningRate = 0.05f)]
[Training(BatchSize = 16, Epochs = 30)]
public partial class EarlyStoppingRegressor
{
    static TrainingPlan ITrainableModel<EarlyStoppingRegressor>.Plan => new() { EarlyStopping = new EarlyStoppingOptions(3, 0, Metric.ValidationLoss, RestoreBestWeights: true) };
}

/// <summary>As <see cref="EarlyStoppingRegressor"/>, keeping the last weights.</summary>
[Model(Inputs = 1, Seed = 4)]
[Dense(1)]
[Loss(LossKind.MeanSquaredError)]
[Sgd(LearningRate = 0.05f)]
[Training(BatchSize = 16, Epochs = 30)]
public partial class EarlyStoppingLastWeightsRegressor
{
    static TrainingPlan ITrainableModel<EarlyStoppingLastWeightsRegressor>.Plan => new() { EarlyStopping = new EarlyStoppingOptions(3, 0, Metric.ValidationLoss, RestoreBestWeights: false) };
}

/// <summary>Early stopping whose MinDelta no improvement after the first epoch can beat.</summary>
[Model(Inputs = 1, Seed = 4)]
[Dense(1)]
[Loss(LossKind.MeanSquaredError)]
[Sgd(LearningRate = 0.05f)]
[Training(BatchSize = 16, Epochs = 30)]
public partial class MinDeltaRegressor
{
    static TrainingPlan ITrainableModel<MinDeltaRegressor>.Plan => new() { EarlyStopping = new EarlyStoppingOptions(2, 100, Metric.ValidationLoss, RestoreBestWeights: true) };
}

/// <summary>Early stopping on the validation accuracy of a softmax classifier.</summary>
[Model(Inputs = 2, Seed = 6)]
[Dense(3)]
[Loss(LossKind.SoftmaxCrossEntropy)]
[Sgd(LearningRate = 0.5f)]
[Training(BatchSize = 16, Epochs = 40)]
public partial class AccuracyStoppingClassifier
{
    static TrainingPlan ITrainableModel<AccuracyStoppingClassifier>.Plan => new() { EarlyStopping = new EarlyStoppingOptions(2, 0, Metric.ValidationAccuracy, RestoreBestWeights: true) };
}

/// <summary>Early stopping with a quarter of the training set held out for validation.</summary>
[Model(Inputs = 1, Seed = 4)]
[Dense(1)]
[Loss(LossKind.MeanSquaredError)]
[Sgd(LearningRate = 0.05f)]
[Training(BatchSize = 16, Epochs = 30)]
public partial class HeldOutStoppingRegressor
{
    static TrainingPlan ITrainableModel<HeldOutStoppingRegressor>.Plan => new()
    {
        EarlyStopping = new EarlyStoppingOptions(3, 0, Metric.ValidationLoss, RestoreBestWeights: true),
        ValidationFraction = 0.25,
    };
}

/// <summary>A validation split alone, with no early stopping.</summary>
[Model(Inputs = 1, Seed = 4)]
[Dense(1)]
[Loss(LossKind.MeanSquaredError)]
[Sgd(LearningRate = 0.05f)]
[Training(BatchSize = 16, Epochs = 2)]
public partial class HeldOutRegressor
{
    static TrainingPlan ITrainableModel<HeldOutRegressor>.Plan => new() { ValidationFraction = 0.2 };
}

/// <summary>Early stopping on accuracy, which a regression model does not have.</summary>
[Model(Inputs = 1, Seed = 4)]
[Dense(1)]
[Loss(LossKind.MeanSquaredError)]
[Sgd(LearningRate = 0.05f)]
[Training(BatchSize = 16, Epochs = 5)]
public partial class AccuracyMonitoringRegressor
{
    static TrainingPlan ITrainableModel<AccuracyMonitoringRegressor>.Plan => new() { EarlyStopping = new EarlyStoppingOptions(2, 0, Metric.ValidationAccuracy, RestoreBestWeights: true), ValidationFraction = 0.2 };
}

/// <summary>Warmup declared both in epochs and in steps.</summary>
[Model(Inputs = 1, Seed = 4)]
[Dense(1)]
[Loss(LossKind.MeanSquaredError)]
[Sgd(LearningRate = 0.05f)]
[Training(BatchSize = 16, Epochs = 5)]
public partial class DoubleWarmupRegressor
{
    static TrainingPlan ITrainableModel<DoubleWarmupRegressor>.Plan => new() { WarmupEpochs = 2, WarmupSteps = 10 };
}

/// <summary>A plain linear regressor for the divergence guard; its tests raise the learning rate.</summary>
[Model(Inputs = 2, Seed = 8)]
[Dense(1)]
[Loss(LossKind.MeanSquaredError)]
[Sgd(LearningRate = 0.05f)]
[Training(BatchSize = 8, Epochs = 5)]
public partial class DivergingRegressor;

/// <summary>Trains well for one epoch, then at 10⁷ times the rate.</summary>
[Model(Inputs = 2, Seed = 8)]
[Dense(1)]
[Loss(LossKind.MeanSquaredError)]
[Sgd(LearningRate = 0.05f)]
[Training(BatchSize = 8, Epochs = 5)]
public partial class LateDivergingRegressor
{
    static TrainingPlan ITrainableModel<LateDivergingRegressor>.Plan => new() { Schedule = new JumpSchedule() };

    /// <summary>The declared rate in epoch 0, 10⁷ times it after.</summary>
    private sealed class JumpSchedule : LearningRateSchedule
    {
        public override double LearningRate(double initial, int epoch) => epoch == 0 ? initial : initial * 1e7;
    }
}

/// <summary>Three classes from two inputs; the metrics tests set its weights by hand.</summary>
[Model(Inputs = 2, Seed = 1)]
[Dense(3)]
[Loss(LossKind.SoftmaxCrossEntropy)]
[Sgd(LearningRate = 0.1f)]
[Training(BatchSize = 4, Epochs = 1)]
public partial class ThreeClassLinear;

/// <summary>A one-output binary classifier; the metrics tests set its weights by hand.</summary>
[Model(Inputs = 1, Seed = 1)]
[Dense(1)]
[Loss(LossKind.BinaryCrossEntropy)]
[Sgd(LearningRate = 0.1f)]
[Training(BatchSize = 4, Epochs = 1)]
public partial class OneOutputBinaryLinear;

/// <summary>Two independent binary outputs: no single class per sample.</summary>
[Model(Inputs = 1, Seed = 1)]
[Dense(2)]
[Loss(LossKind.BinaryCrossEntropy)]
[Sgd(LearningRate = 0.1f)]
[Training(BatchSize = 4, Epochs = 1)]
public partial class TwoOutputBinaryLinear;

/// <summary>One input to two outputs; the metrics tests set its weights by hand.</summary>
[Model(Inputs = 1, Seed = 1)]
[Dense(2)]
[Loss(LossKind.MeanSquaredError)]
[Sgd(LearningRate = 0.1f)]
[Training(BatchSize = 4, Epochs = 1)]
public partial class TwoOutputLinear;

/// <summary>Early stopping on a model with batch normalization, whose running statistics are restored with the weights.</summary>
[Model(Inputs = 1, Seed = 4)]
[Dense(4, Activation.Identity)]
[BatchNorm]
[Dense(1)]
[Loss(LossKind.MeanSquaredError)]
[Sgd(LearningRate = 0.02f)]
[Training(BatchSize = 16, Epochs = 30)]
public partial class NormalizedStoppingRegressor
{
    static TrainingPlan ITrainableModel<NormalizedStoppingRegressor>.Plan => new() { EarlyStopping = new EarlyStoppingOptions(2, 0, Metric.ValidationLoss, RestoreBestWeights: true) };
}

/// <summary>The plan from attributes, as a user declares it: the generator writes Plan.</summary>
[Model(Inputs = 2, Seed = 3)]
[Dense(1)]
[Loss(LossKind.MeanSquaredError)]
[Sgd(LearningRate = 0.2f)]
[StepDecay(StepEpochs = 2, Gamma = 0.5f)]
[Warmup(Epochs = 2)]
[EarlyStopping(Patience = 3)]
[Training(BatchSize = 8, Epochs = 8, ValidationFraction = 0.25f)]
public partial class DeclaredPlanRegressor;
