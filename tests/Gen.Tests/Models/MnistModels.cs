using Gen;

namespace Gen.Tests.Models;

/// <summary>The README's model, exactly as a user declares it.</summary>
[Model(Inputs = 784, Seed = 42)]
[Dense(128, Activation.ReLU)]
[Dense(10)]
[Loss(LossKind.SoftmaxCrossEntropy)]
[Adam(LearningRate = 1e-3f)]
[Training(BatchSize = 64, Epochs = 10)]
public partial class MnistNet;

/// <summary>The same shape with another seed, to show that the seed decides the weights.</summary>
[Model(Inputs = 784, Seed = 43)]
[Dense(128, Activation.ReLU)]
[Dense(10)]
[Loss(LossKind.SoftmaxCrossEntropy)]
[Adam(LearningRate = 1e-3f)]
[Training(BatchSize = 64, Epochs = 10)]
public partial class MnistNetOtherSeed;

/// <summary>A small regression model for trainer tests: 10 samples in batches of 4 leave a partial batch.</summary>
[Model(Inputs = 3, Seed = 1)]
[Dense(8, Activation.Tanh)]
[Dense(2)]
[Loss(LossKind.MeanSquaredError)]
[Sgd(LearningRate = 0.05f)]
[Training(BatchSize = 4, Epochs = 3)]
public partial class TinyRegressor;

/// <summary>A one-output binary classifier.</summary>
[Model(Inputs = 2, Seed = 5)]
[Dense(16, Activation.ReLU)]
[Dense(1)]
[Loss(LossKind.BinaryCrossEntropy)]
[Adam(LearningRate = 0.02f)]
[Training(BatchSize = 16, Epochs = 40)]
public partial class XorClassifier;

/// <summary>The shape of the PyTorch model in Interop/torch_mlp.safetensors.</summary>
[Model(Inputs = 4, Seed = 1)]
[Dense(5, Activation.Tanh)]
[Dense(3)]
[Loss(LossKind.SoftmaxCrossEntropy)]
[Adam]
[Training(BatchSize = 8)]
public partial class TorchMlp;
