using Gen;

namespace Overfitting;

// The same 784-128-10 network four times, trained on only 1,000 digits for many epochs so that it
// overfits: once plain, then with each remedy. SGD with momentum, so L2 is true weight decay.

/// <summary>No regularization: memorizes the 1,000 training digits.</summary>
[Model(Inputs = 784, Seed = 7)]
[Dense(128, Activation.ReLU)]
[Dense(10)]
[Loss(LossKind.SoftmaxCrossEntropy)]
[Sgd(LearningRate = 0.05f, Momentum = 0.9f)]
[Training(BatchSize = 32, Epochs = 60)]
public partial class PlainNet;

/// <summary>L2 penalty on the weights.</summary>
[Model(Inputs = 784, Seed = 7)]
[Dense(128, Activation.ReLU)]
[Dense(10)]
[Loss(LossKind.SoftmaxCrossEntropy)]
[L2(0.03f)]
[Sgd(LearningRate = 0.05f, Momentum = 0.9f)]
[Training(BatchSize = 32, Epochs = 60)]
public partial class L2Net;

/// <summary>Dropout on the hidden layer.</summary>
[Model(Inputs = 784, Seed = 7)]
[Dense(128, Activation.ReLU)]
[Dropout(0.5f)]
[Dense(10)]
[Loss(LossKind.SoftmaxCrossEntropy)]
[Sgd(LearningRate = 0.05f, Momentum = 0.9f)]
[Training(BatchSize = 32, Epochs = 60)]
public partial class DropoutNet;

/// <summary>Early stopping on a validation split of the training digits, keeping the best weights.</summary>
[Model(Inputs = 784, Seed = 7)]
[Dense(128, Activation.ReLU)]
[Dense(10)]
[Loss(LossKind.SoftmaxCrossEntropy)]
[Sgd(LearningRate = 0.05f, Momentum = 0.9f)]
[Training(BatchSize = 32, Epochs = 60, ValidationFraction = 0.2f)]
[EarlyStopping(Patience = 5)]
public partial class EarlyStoppedNet;
