using Gen;

namespace Gen.Tests.Models;

// One small model per hidden activation × loss, for the finite-difference gradient checks.
// Two hidden layers so that every layer kind of backward step (first layer, middle layer with an input
// gradient, output layer) runs; sizes are odd so that no vector width divides them and tails run too.

[Model(Inputs = 5, Seed = 7)]
[Dense(19, Activation.Identity)]
[Dense(11, Activation.Identity)]
[Dense(3)]
[Loss(LossKind.MeanSquaredError)]
[Sgd]
[Training(BatchSize = 6, Epochs = 1)]
public partial class IdentityMeanSquaredErrorNet;

[Model(Inputs = 5, Seed = 7)]
[Dense(19, Activation.Identity)]
[Dense(11, Activation.Identity)]
[Dense(3)]
[Loss(LossKind.MeanAbsoluteError)]
[Sgd]
[Training(BatchSize = 6, Epochs = 1)]
public partial class IdentityMeanAbsoluteErrorNet;

[Model(Inputs = 5, Seed = 7)]
[Dense(19, Activation.Identity)]
[Dense(11, Activation.Identity)]
[Dense(3)]
[Loss(LossKind.Huber)]
[Sgd]
[Training(BatchSize = 6, Epochs = 1)]
public partial class IdentityHuberNet;

[Model(Inputs = 5, Seed = 7)]
[Dense(19, Activation.Identity)]
[Dense(11, Activation.Identity)]
[Dense(3)]
[Loss(LossKind.BinaryCrossEntropy)]
[Sgd]
[Training(BatchSize = 6, Epochs = 1)]
public partial class IdentityBinaryCrossEntropyNet;

[Model(Inputs = 5, Seed = 7)]
[Dense(19, Activation.Identity)]
[Dense(11, Activation.Identity)]
[Dense(3)]
[Loss(LossKind.SoftmaxCrossEntropy)]
[Sgd]
[Training(BatchSize = 6, Epochs = 1)]
public partial class IdentitySoftmaxCrossEntropyNet;

[Model(Inputs = 5, Seed = 7)]
[Dense(19, Activation.ReLU)]
[Dense(11, Activation.ReLU)]
[Dense(3)]
[Loss(LossKind.MeanSquaredError)]
[Sgd]
[Training(BatchSize = 6, Epochs = 1)]
public partial class ReLUMeanSquaredErrorNet;

[Model(Inputs = 5, Seed = 7)]
[Dense(19, Activation.ReLU)]
[Dense(11, Activation.ReLU)]
[Dense(3)]
[Loss(LossKind.MeanAbsoluteError)]
[Sgd]
[Training(BatchSize = 6, Epochs = 1)]
public partial class ReLUMeanAbsoluteErrorNet;

[Model(Inputs = 5, Seed = 7)]
[Dense(19, Activation.ReLU)]
[Dense(11, Activation.ReLU)]
[Dense(3)]
[Loss(LossKind.Huber)]
[Sgd]
[Training(BatchSize = 6, Epochs = 1)]
public partial class ReLUHuberNet;

[Model(Inputs = 5, Seed = 7)]
[Dense(19, Activation.ReLU)]
[Dense(11, Activation.ReLU)]
[Dense(3)]
[Loss(LossKind.BinaryCrossEntropy)]
[Sgd]
[Training(BatchSize = 6, Epochs = 1)]
public partial class ReLUBinaryCrossEntropyNet;

[Model(Inputs = 5, Seed = 7)]
[Dense(19, Activation.ReLU)]
[Dense(11, Activation.ReLU)]
[Dense(3)]
[Loss(LossKind.SoftmaxCrossEntropy)]
[Sgd]
[Training(BatchSize = 6, Epochs = 1)]
public partial class ReLUSoftmaxCrossEntropyNet;

[Model(Inputs = 5, Seed = 7)]
[Dense(19, Activation.LeakyReLU)]
[Dense(11, Activation.LeakyReLU)]
[Dense(3)]
[Loss(LossKind.MeanSquaredError)]
[Sgd]
[Training(BatchSize = 6, Epochs = 1)]
public partial class LeakyReLUMeanSquaredErrorNet;

[Model(Inputs = 5, Seed = 7)]
[Dense(19, Activation.LeakyReLU)]
[Dense(11, Activation.LeakyReLU)]
[Dense(3)]
[Loss(LossKind.MeanAbsoluteError)]
[Sgd]
[Training(BatchSize = 6, Epochs = 1)]
public partial class LeakyReLUMeanAbsoluteErrorNet;

[Model(Inputs = 5, Seed = 7)]
[Dense(19, Activation.LeakyReLU)]
[Dense(11, Activation.LeakyReLU)]
[Dense(3)]
[Loss(LossKind.Huber)]
[Sgd]
[Training(BatchSize = 6, Epochs = 1)]
public partial class LeakyReLUHuberNet;

[Model(Inputs = 5, Seed = 7)]
[Dense(19, Activation.LeakyReLU)]
[Dense(11, Activation.LeakyReLU)]
[Dense(3)]
[Loss(LossKind.BinaryCrossEntropy)]
[Sgd]
[Training(BatchSize = 6, Epochs = 1)]
public partial class LeakyReLUBinaryCrossEntropyNet;

[Model(Inputs = 5, Seed = 7)]
[Dense(19, Activation.LeakyReLU)]
[Dense(11, Activation.LeakyReLU)]
[Dense(3)]
[Loss(LossKind.SoftmaxCrossEntropy)]
[Sgd]
[Training(BatchSize = 6, Epochs = 1)]
public partial class LeakyReLUSoftmaxCrossEntropyNet;

[Model(Inputs = 5, Seed = 7)]
[Dense(19, Activation.Sigmoid)]
[Dense(11, Activation.Sigmoid)]
[Dense(3)]
[Loss(LossKind.MeanSquaredError)]
[Sgd]
[Training(BatchSize = 6, Epochs = 1)]
public partial class SigmoidMeanSquaredErrorNet;

[Model(Inputs = 5, Seed = 7)]
[Dense(19, Activation.Sigmoid)]
[Dense(11, Activation.Sigmoid)]
[Dense(3)]
[Loss(LossKind.MeanAbsoluteError)]
[Sgd]
[Training(BatchSize = 6, Epochs = 1)]
public partial class SigmoidMeanAbsoluteErrorNet;

[Model(Inputs = 5, Seed = 7)]
[Dense(19, Activation.Sigmoid)]
[Dense(11, Activation.Sigmoid)]
[Dense(3)]
[Loss(LossKind.Huber)]
[Sgd]
[Training(BatchSize = 6, Epochs = 1)]
public partial class SigmoidHuberNet;

[Model(Inputs = 5, Seed = 7)]
[Dense(19, Activation.Sigmoid)]
[Dense(11, Activation.Sigmoid)]
[Dense(3)]
[Loss(LossKind.BinaryCrossEntropy)]
[Sgd]
[Training(BatchSize = 6, Epochs = 1)]
public partial class SigmoidBinaryCrossEntropyNet;

[Model(Inputs = 5, Seed = 7)]
[Dense(19, Activation.Sigmoid)]
[Dense(11, Activation.Sigmoid)]
[Dense(3)]
[Loss(LossKind.SoftmaxCrossEntropy)]
[Sgd]
[Training(BatchSize = 6, Epochs = 1)]
public partial class SigmoidSoftmaxCrossEntropyNet;

[Model(Inputs = 5, Seed = 7)]
[Dense(19, Activation.Tanh)]
[Dense(11, Activation.Tanh)]
[Dense(3)]
[Loss(LossKind.MeanSquaredError)]
[Sgd]
[Training(BatchSize = 6, Epochs = 1)]
public partial class TanhMeanSquaredErrorNet;

[Model(Inputs = 5, Seed = 7)]
[Dense(19, Activation.Tanh)]
[Dense(11, Activation.Tanh)]
[Dense(3)]
[Loss(LossKind.MeanAbsoluteError)]
[Sgd]
[Training(BatchSize = 6, Epochs = 1)]
public partial class TanhMeanAbsoluteErrorNet;

[Model(Inputs = 5, Seed = 7)]
[Dense(19, Activation.Tanh)]
[Dense(11, Activation.Tanh)]
[Dense(3)]
[Loss(LossKind.Huber)]
[Sgd]
[Training(BatchSize = 6, Epochs = 1)]
public partial class TanhHuberNet;

[Model(Inputs = 5, Seed = 7)]
[Dense(19, Activation.Tanh)]
[Dense(11, Activation.Tanh)]
[Dense(3)]
[Loss(LossKind.BinaryCrossEntropy)]
[Sgd]
[Training(BatchSize = 6, Epochs = 1)]
public partial class TanhBinaryCrossEntropyNet;

[Model(Inputs = 5, Seed = 7)]
[Dense(19, Activation.Tanh)]
[Dense(11, Activation.Tanh)]
[Dense(3)]
[Loss(LossKind.SoftmaxCrossEntropy)]
[Sgd]
[Training(BatchSize = 6, Epochs = 1)]
public partial class TanhSoftmaxCrossEntropyNet;

[Model(Inputs = 5, Seed = 7)]
[Dense(19, Activation.GELU)]
[Dense(11, Activation.GELU)]
[Dense(3)]
[Loss(LossKind.MeanSquaredError)]
[Sgd]
[Training(BatchSize = 6, Epochs = 1)]
public partial class GELUMeanSquaredErrorNet;

[Model(Inputs = 5, Seed = 7)]
[Dense(19, Activation.GELU)]
[Dense(11, Activation.GELU)]
[Dense(3)]
[Loss(LossKind.MeanAbsoluteError)]
[Sgd]
[Training(BatchSize = 6, Epochs = 1)]
public partial class GELUMeanAbsoluteErrorNet;

[Model(Inputs = 5, Seed = 7)]
[Dense(19, Activation.GELU)]
[Dense(11, Activation.GELU)]
[Dense(3)]
[Loss(LossKind.Huber)]
[Sgd]
[Training(BatchSize = 6, Epochs = 1)]
public partial class GELUHuberNet;

[Model(Inputs = 5, Seed = 7)]
[Dense(19, Activation.GELU)]
[Dense(11, Activation.GELU)]
[Dense(3)]
[Loss(LossKind.BinaryCrossEntropy)]
[Sgd]
[Training(BatchSize = 6, Epochs = 1)]
public partial class GELUBinaryCrossEntropyNet;

[Model(Inputs = 5, Seed = 7)]
[Dense(19, Activation.GELU)]
[Dense(11, Activation.GELU)]
[Dense(3)]
[Loss(LossKind.SoftmaxCrossEntropy)]
[Sgd]
[Training(BatchSize = 6, Epochs = 1)]
public partial class GELUSoftmaxCrossEntropyNet;
// Wide enough for the register-blocked 4-row × 64-column tiles, with row and column remainders.
[Model(Inputs = 9, Seed = 3)]
[Dense(83, Activation.Tanh)]
[Dense(70, Activation.GELU)]
[Dense(4, Activation.Sigmoid)]
[Loss(LossKind.MeanSquaredError)]
[Sgd]
[Training(BatchSize = 7, Epochs = 1)]
public partial class WideNet;
