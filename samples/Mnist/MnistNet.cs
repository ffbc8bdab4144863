using Gen;

namespace Mnist;

/// <summary>The canonical example: a 784-128-10 multilayer perceptron for handwritten digits.</summary>
[Model(Inputs = 784, Seed = 42)]
[Dense(128, Activation.ReLU)]
[Dense(10)]                                   // logits
[Loss(LossKind.SoftmaxCrossEntropy)]
[Adam(LearningRate = 1e-3f)]
[Training(BatchSize = 64, Epochs = 10)]
public partial class MnistNet;
