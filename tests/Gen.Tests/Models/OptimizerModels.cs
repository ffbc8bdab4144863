using Gen;

namespace Gen.Tests.Models;

// One model per optimizer configuration, all 5 → 13 → 3 (120 parameters: the unrolled vector loop,
// the single-vector loop and the scalar tail of the fused update all run). Hyperparameters are
// deliberately not the defaults, so a constant read from the wrong place is caught.

[Model(Inputs = 5, Seed = 9)]
[Dense(13, Activation.ReLU)]
[Dense(3)]
[Loss(LossKind.SoftmaxCrossEntropy)]
[Sgd(LearningRate = 0.1f)]
[Training(BatchSize = 8)]
public partial class SgdNet;

[Model(Inputs = 5, Seed = 9)]
[Dense(13, Activation.ReLU)]
[Dense(3)]
[Loss(LossKind.SoftmaxCrossEntropy)]
[Sgd(LearningRate = 0.05f, Momentum = 0.8f)]
[Training(BatchSize = 8)]
public partial class SgdMomentumNet;

[Model(Inputs = 5, Seed = 9)]
[Dense(13, Activation.ReLU)]
[Dense(3)]
[Loss(LossKind.SoftmaxCrossEntropy)]
[Sgd(LearningRate = 0.05f, Momentum = 0.7f, Nesterov = true)]
[Training(BatchSize = 8)]
public partial class SgdNesterovNet;

[Model(Inputs = 5, Seed = 9)]
[Dense(13, Activation.ReLU)]
[Dense(3)]
[Loss(LossKind.SoftmaxCrossEntropy)]
[Adam(LearningRate = 0.01f, Beta1 = 0.8f, Beta2 = 0.99f, Epsilon = 1e-6f)]
[Training(BatchSize = 8)]
public partial class AdamNet;

[Model(Inputs = 5, Seed = 9)]
[Dense(13, Activation.ReLU)]
[Dense(3)]
[Loss(LossKind.SoftmaxCrossEntropy)]
[AdamW(LearningRate = 0.01f, Beta1 = 0.85f, Beta2 = 0.995f, Epsilon = 1e-7f, WeightDecay = 0.1f)]
[Training(BatchSize = 8)]
public partial class AdamWNet;

[Model(Inputs = 5, Seed = 9)]
[Dense(13, Activation.ReLU)]
[Dense(3)]
[Loss(LossKind.SoftmaxCrossEntropy)]
[RmsProp(LearningRate = 0.01f, Alpha = 0.9f, Epsilon = 1e-6f)]
[Training(BatchSize = 8)]
public partial class RmsPropNet;

[Model(Inputs = 5, Seed = 9)]
[Dense(13, Activation.ReLU)]
[Dense(3)]
[Loss(LossKind.SoftmaxCrossEntropy)]
[RmsProp(LearningRate = 0.01f, Alpha = 0.95f, Epsilon = 1e-7f, Momentum = 0.6f)]
[Training(BatchSize = 8)]
public partial class RmsPropMomentumNet;

[Model(Inputs = 5, Seed = 9)]
[Dense(13, Activation.ReLU)]
[Dense(3)]
[Loss(LossKind.SoftmaxCrossEntropy)]
[AdaGrad(LearningRate = 0.05f, Epsilon = 1e-6f)]
[Training(BatchSize = 8)]
public partial class AdaGradNet;
