using Gen;

namespace Gen.Tests.Models;

/// <summary>A classifier with dropout and an L2 penalty: shards must draw the masks and penalties of one whole batch.</summary>
[Model(Inputs = 20, Seed = 5)]
[Dense(48, Activation.ReLU)]
[Dropout(0.3f)]
[Dense(5)]
[Loss(LossKind.SoftmaxCrossEntropy)]
[L2(0.01f)]
[Adam(LearningRate = 1e-2f)]
[Training(BatchSize = 40)]
public partial class ShardedClassifier;

/// <summary>A regression model with an L1 penalty, momentum and clipping of the summed gradient.</summary>
[Model(Inputs = 7, Seed = 9)]
[Dense(33, Activation.Tanh)]
[Dense(3)]
[Loss(LossKind.MeanSquaredError)]
[L1(0.001f)]
[ClipGradientNorm(0.5f)]
[Sgd(LearningRate = 0.05f, Momentum = 0.9f)]
[Training(BatchSize = 24)]
public partial class ShardedRegressor;
