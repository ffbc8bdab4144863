using Gen;

namespace Gen.Tests.Models;

/// <summary>A classifier with dropout, an L2 penalty and AdamW's decoupled decay, wide enough to split across 3 threads.</summary>
[Model(Inputs = 100, Seed = 5)]
[Dense(48, Activation.ReLU)]
[Dropout(0.3f)]
[Dense(5)]
[Loss(LossKind.SoftmaxCrossEntropy)]
[L2(0.01f)]
[AdamW(LearningRate = 1e-2f)]
[Training(BatchSize = 40)]
public partial class SplitClassifier;

/// <summary>A regression model with an L1 penalty, momentum and clipping of the whole gradient.</summary>
[Model(Inputs = 70, Seed = 9)]
[Dense(33, Activation.Tanh)]
[Dense(3)]
[Loss(LossKind.MeanSquaredError)]
[L1(0.001f)]
[ClipGradientNorm(0.5f)]
[Sgd(LearningRate = 0.05f, Momentum = 0.9f)]
[Training(BatchSize = 24)]
public partial class SplitRegressor;

/// <summary>Batch normalization of the split layer: its statistics are taken from the summed product.</summary>
[Model(Inputs = 64, Seed = 3)]
[Dense(20, Activation.GELU)]
[BatchNorm]
[Dense(4)]
[Loss(LossKind.SoftmaxCrossEntropy)]
[RmsProp(LearningRate = 1e-3f)]
[Training(BatchSize = 16)]
public partial class SplitNormalizedNet;

/// <summary>AdaGrad's per-parameter sums, updated in ranges on every thread.</summary>
[Model(Inputs = 64, Seed = 13)]
[Dense(16, Activation.LeakyReLU)]
[Dense(2)]
[Loss(LossKind.MeanSquaredError)]
[AdaGrad(LearningRate = 0.05f)]
[Training(BatchSize = 8)]
public partial class SplitAdaGradNet;

/// <summary>AdamW's decoupled decay and no penalty, so a split TrainStep updates inside the backward pass.</summary>
[Model(Inputs = 100, Seed = 17)]
[Dense(24, Activation.ReLU)]
[Dense(3)]
[Loss(LossKind.SoftmaxCrossEntropy)]
[AdamW(LearningRate = 1e-2f)]
[Training(BatchSize = 20)]
public partial class SplitAdamWNet;

/// <summary>SGD with momentum and 200 hidden units: its update blocks are 20 rows, and a thread's rows end mid-block.</summary>
[Model(Inputs = 96, Seed = 19)]
[Dense(200, Activation.Tanh)]
[Dense(2)]
[Loss(LossKind.MeanSquaredError)]
[Sgd(LearningRate = 0.05f, Momentum = 0.9f)]
[Training(BatchSize = 12)]
public partial class SplitMomentumNet;
