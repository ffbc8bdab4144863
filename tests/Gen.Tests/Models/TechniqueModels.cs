using Gen;

namespace Gen.Tests.Models;

// Models for the training techniques: batch normalization, dropout, weight penalties, clipping.

/// <summary>Linear → batch normalization → ReLU, then logits.</summary>
[Model(Inputs = 5, Seed = 4)]
[Dense(19, Activation.ReLU)]
[BatchNorm]
[Dense(3)]
[Loss(LossKind.SoftmaxCrossEntropy)]
[Sgd]
[Training(BatchSize = 6)]
public partial class BatchNormNet;

/// <summary>Batch normalization before GELU and tanh, with dropout after, in a regression model.</summary>
[Model(Inputs = 6, Seed = 8)]
[Dense(21, Activation.GELU)]
[BatchNorm(Momentum = 0.2f, Epsilon = 1e-3f)]
[Dropout(0.3f)]
[Dense(17, Activation.Tanh)]
[BatchNorm]
[Dense(2)]
[Loss(LossKind.MeanSquaredError)]
[Sgd]
[Training(BatchSize = 7)]
public partial class NormalizedDropoutNet;

/// <summary>Dropout after sigmoid (its backward pass needs the output before dropout).</summary>
[Model(Inputs = 5, Seed = 2)]
[Dense(23, Activation.Sigmoid)]
[Dropout(0.4f)]
[Dense(4)]
[Loss(LossKind.BinaryCrossEntropy)]
[Sgd]
[Training(BatchSize = 5)]
public partial class DropoutNet;

/// <summary>L1 and L2 penalties on the weights.</summary>
[Model(Inputs = 5, Seed = 6)]
[Dense(13, Activation.Tanh)]
[Dense(3)]
[Loss(LossKind.SoftmaxCrossEntropy)]
[L1(0.01f)]
[L2(0.05f)]
[Sgd]
[Training(BatchSize = 6)]
public partial class PenalizedNet;

/// <summary>Global gradient-norm clipping at a norm that every step exceeds.</summary>
[Model(Inputs = 5, Seed = 6)]
[Dense(13, Activation.ReLU)]
[Dense(3)]
[Loss(LossKind.MeanSquaredError)]
[ClipGradientNorm(0.01f)]
[Sgd(LearningRate = 0.1f)]
[Training(BatchSize = 6)]
public partial class ClippedNet;

/// <summary>Batch normalization with momentum 1, so the running statistics are the last batch's.</summary>
[Model(Inputs = 4, Seed = 3)]
[Dense(9, Activation.Identity)]
[BatchNorm(Momentum = 1f)]
[Dense(2)]
[Loss(LossKind.MeanSquaredError)]
[Sgd]
[Training(BatchSize = 16)]
public partial class RunningStatisticsNet;

/// <summary>A large dropout rate, to measure the share of dropped units.</summary>
[Model(Inputs = 64, Seed = 12)]
[Dense(256, Activation.ReLU)]
[Dropout(0.25f)]
[Dense(2)]
[Loss(LossKind.MeanSquaredError)]
[Sgd]
[Training(BatchSize = 32)]
public partial class WideDropoutNet;
