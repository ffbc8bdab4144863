using Gen;

namespace Gen.Tests.Models;

// Models for checkpoints: each carries state a resumed Fit must restore exactly.

/// <summary>Adam (moments and bias correction) with a cosine schedule after a per-step warmup.</summary>
[Model(Inputs = 4, Seed = 11)]
[Dense(8, Activation.ReLU)]
[Dense(3)]
[Loss(LossKind.SoftmaxCrossEntropy)]
[Adam(LearningRate = 0.02f)]
[CosineDecay(Epochs = 6, MinLearningRate = 0.001f)]
[Warmup(Steps = 5)]
[Training(BatchSize = 10, Epochs = 6)]
public partial class CheckpointAdamNet;

/// <summary>Batch normalization and dropout, SGD with momentum, and plateau reduction.</summary>
[Model(Inputs = 5, Seed = 12)]
[Dense(12, Activation.ReLU)]
[BatchNorm]
[Dropout(0.3f)]
[Dense(2)]
[Loss(LossKind.MeanSquaredError)]
[Sgd(LearningRate = 0.05f, Momentum = 0.9f)]
[ReduceOnPlateau(Factor = 0.5f, Patience = 1)]
[Training(BatchSize = 7, Epochs = 7)]
public partial class CheckpointNormDropoutNet;

/// <summary>Early stopping with the best weights restored, on data it cannot learn, so it stops.</summary>
[Model(Inputs = 4, Seed = 13)]
[Dense(16, Activation.Tanh)]
[Dense(3)]
[Loss(LossKind.SoftmaxCrossEntropy)]
[Adam(LearningRate = 0.05f)]
[EarlyStopping(Patience = 3, RestoreBestWeights = true)]
[Training(BatchSize = 10, Epochs = 40)]
public partial class CheckpointStoppingNet;

/// <summary>Another architecture than <see cref="CheckpointAdamNet"/>: its checkpoints are refused.</summary>
[Model(Inputs = 4, Seed = 11)]
[Dense(9, Activation.ReLU)]
[Dense(3)]
[Loss(LossKind.SoftmaxCrossEntropy)]
[Adam(LearningRate = 0.02f)]
[Training(BatchSize = 10, Epochs = 6)]
public partial class CheckpointOtherNet;

/// <summary>The architecture of <see cref="CheckpointAdamNet"/> with SGD momentum: Adam's state is refused.</summary>
[Model(Inputs = 4, Seed = 11)]
[Dense(8, Activation.ReLU)]
[Dense(3)]
[Loss(LossKind.SoftmaxCrossEntropy)]
[Sgd(LearningRate = 0.02f, Momentum = 0.9f)]
[Training(BatchSize = 10, Epochs = 6)]
public partial class CheckpointSgdTwinNet;
