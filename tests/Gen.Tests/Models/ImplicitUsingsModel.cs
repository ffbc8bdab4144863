using System.Threading;
using Gen;

namespace Gen.Tests.Models;

// New .NET projects import System.Threading implicitly. This file compiles only while none of
// Gen's public names is ambiguous with it (an enum named Monitor was, CS0104), so the build guards it.
[Model(Inputs = 2, Seed = 1)]
[Dense(4, Activation.ReLU)]
[Dense(2)]
[Loss(LossKind.SoftmaxCrossEntropy)]
[Adam]
[Training(BatchSize = 8, Epochs = 4, ValidationFraction = 0.25f)]
[EarlyStopping(Patience = 2, Monitor = Metric.ValidationAccuracy)]
public partial class ThreadingImportingNet
{
    private static readonly SemaphoreSlim Gate = new(1);

    internal static SemaphoreSlim TrainingGate => Gate;
}
