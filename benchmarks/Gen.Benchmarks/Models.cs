using Gen;

namespace Gen.Benchmarks;

/// <summary>The README's model: 784 → Dense 128 (ReLU) → Dense 10, softmax cross-entropy, Adam 1e-3, batch 64.</summary>
[Model(Inputs = 784, Seed = 42)]
[Dense(128, Activation.ReLU)]
[Dense(10)]
[Loss(LossKind.SoftmaxCrossEntropy)]
[Adam(LearningRate = 1e-3f)]
[Training(BatchSize = 64, Epochs = 1)]
public partial class Mlp128;

/// <summary>The same model with 64 hidden units.</summary>
[Model(Inputs = 784, Seed = 42)]
[Dense(64, Activation.ReLU)]
[Dense(10)]
[Loss(LossKind.SoftmaxCrossEntropy)]
[Adam(LearningRate = 1e-3f)]
[Training(BatchSize = 64, Epochs = 1)]
public partial class Mlp64;
