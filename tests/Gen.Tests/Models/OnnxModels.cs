using Gen;

namespace Gen.Tests.Models;

// Models for the ONNX export: between them every activation, every output head (softmax,
// sigmoid, raw) and batch normalization, each checked against ONNX Runtime.

/// <summary>Every activation in one stack (LeakyReLU with a non-default slope), softmax head.</summary>
[Model(Inputs = 6, Seed = 21)]
[Dense(11, Activation.ReLU)]
[Dense(10, Activation.LeakyReLU, NegativeSlope = 0.2f)]
[Dense(9, Activation.Sigmoid)]
[Dense(8, Activation.Tanh)]
[Dense(7, Activation.GELU)]
[Dense(4)]
[Loss(LossKind.SoftmaxCrossEntropy)]
[Sgd]
[Training(BatchSize = 8)]
public partial class OnnxActivationsNet;

/// <summary>Independent sigmoid outputs, with dropout (left out of the inference graph).</summary>
[Model(Inputs = 5, Seed = 22)]
[Dense(12, Activation.Tanh)]
[Dropout(0.3f)]
[Dense(3)]
[Loss(LossKind.BinaryCrossEntropy)]
[Sgd]
[Training(BatchSize = 6)]
public partial class OnnxSigmoidNet;

/// <summary>Raw regression outputs.</summary>
[Model(Inputs = 4, Seed = 23)]
[Dense(9, Activation.LeakyReLU)]
[Dense(2)]
[Loss(LossKind.MeanSquaredError)]
[Sgd]
[Training(BatchSize = 5)]
public partial class OnnxRegressionNet;

/// <summary>
/// Batch normalization (one with a non-default ε) before ReLU and GELU, dropout between, softmax head.
/// </summary>
[Model(Inputs = 7, Seed = 24)]
[Dense(13, Activation.ReLU)]
[BatchNorm(Momentum = 0.3f, Epsilon = 1e-3f)]
[Dropout(0.2f)]
[Dense(10, Activation.GELU)]
[BatchNorm]
[Dense(3)]
[Loss(LossKind.SoftmaxCrossEntropy)]
[Adam(LearningRate = 0.01f)]
[Training(BatchSize = 16)]
public partial class OnnxBatchNormNet;
