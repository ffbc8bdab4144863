using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Gen.Generators.Model;

// Warnings GEN101–GEN106: declarations that compile and train, but almost always by mistake.
// Each rule stays quiet when an error rule already rejects the same value (a learning rate of -1
// is GEN005, not also "outside the typical range"), so one mistake gives one diagnostic.
internal static partial class ModelRules
{
    /// <summary>The largest epsilon that still only guards against division by zero.</summary>
    private const float MaxUsualEpsilon = 1e-3f;

    private static void CheckLikelyMistakes(ModelDeclaration model, ImmutableArray<Diagnostic>.Builder found)
    {
        CheckOutputActivation(model, found);
        CheckHiddenLayersAreNonlinear(model, found);
        foreach (DeclaredOptimizer optimizer in model.Optimizers)
        {
            CheckLearningRateIsTypical(optimizer, found);
            CheckNesterovHasMomentum(optimizer, found);
            CheckBetasAreOrdered(optimizer, found);
            CheckEpsilonIsSmall(optimizer, found);
        }
    }

    /// <summary>GEN101 and GEN102: the last layer's activation against the loss.</summary>
    private static void CheckOutputActivation(ModelDeclaration model, ImmutableArray<Diagnostic>.Builder found)
    {
        if (model.Layers.IsEmpty)
        {
            return;
        }

        DeclaredLayer last = model.Layers[model.Layers.Length - 1];
        if (last.Activation == ActivationKind.Identity || !System.Enum.IsDefined(typeof(ActivationKind), last.Activation))
        {
            return;
        }

        Location activation = last.Attribute.LocationOf("activation");
        foreach (DeclaredLoss loss in model.Losses)
        {
            switch (loss.Kind)
            {
                case LossKind.SoftmaxCrossEntropy:
                case LossKind.BinaryCrossEntropy:
                    string squash = loss.Kind == LossKind.SoftmaxCrossEntropy ? "softmax" : "a sigmoid";
                    found.Add(Diagnostic.Create(
                        DiagnosticDescriptors.OutputActivationBeforeCrossEntropy, activation,
                        "Activation." + last.Activation, "LossKind." + loss.Kind, squash));
                    break;
                case LossKind.MeanSquaredError:
                case LossKind.MeanAbsoluteError:
                    if (last.Activation is ActivationKind.Sigmoid or ActivationKind.Tanh)
                    {
                        // On the loss, which the fix changes; the activation it also removes is the
                        // additional location.
                        found.Add(Diagnostic.Create(
                            DiagnosticDescriptors.SquashedOutputWithRegressionLoss, loss.Attribute.LocationOf("kind"),
                            additionalLocations: new[] { activation },
                            "Activation." + last.Activation, "LossKind." + loss.Kind));
                    }

                    break;
            }
        }
    }

    /// <summary>GEN103: every layer but the last needs a nonlinearity.</summary>
    private static void CheckHiddenLayersAreNonlinear(ModelDeclaration model, ImmutableArray<Diagnostic>.Builder found)
    {
        for (int i = 0; i < model.Layers.Length - 1; i++)
        {
            DeclaredLayer layer = model.Layers[i];
            if (layer.Activation == ActivationKind.Identity)
            {
                found.Add(Diagnostic.Create(
                    DiagnosticDescriptors.LinearHiddenLayer, layer.Attribute.LocationOf("activation"), i + 1, layer.Units));
            }
        }
    }

    /// <summary>GEN104: the learning rate against the range that usually works for the optimizer.</summary>
    private static void CheckLearningRateIsTypical(DeclaredOptimizer optimizer, ImmutableArray<Diagnostic>.Builder found)
    {
        float rate = optimizer.LearningRate;
        if (!(rate > 0 && IsFinite(rate)))
        {
            return; // GEN005
        }

        (float low, float high, string range) = TypicalLearningRates(optimizer.Kind);
        if (rate >= low && rate <= high)
        {
            return;
        }

        string defaultRate = Format(Defaults.LearningRate(optimizer.Kind));
        found.Add(Diagnostic.Create(
            DiagnosticDescriptors.LearningRateOutsideTypicalRange,
            optimizer.Attribute.LocationOf("LearningRate"),
            ImmutableDictionary<string, string?>.Empty.Add(DiagnosticIds.DefaultLearningRateProperty, defaultRate),
            optimizer.Kind.ToString(), Format(rate), range, defaultRate));
    }

    /// <summary>
    /// The learning rates that usually train, per optimizer: adaptive methods (Adam, AdamW, RMSProp)
    /// normalise the step, so they want small rates; SGD and AdaGrad take larger ones.
    /// </summary>
    internal static (float Low, float High, string Text) TypicalLearningRates(OptimizerKind kind) => kind switch
    {
        OptimizerKind.Sgd or OptimizerKind.AdaGrad => (1e-4f, 1f, "1e-4 to 1"),
        _ => (1e-5f, 1e-2f, "1e-5 to 1e-2"),
    };

    /// <summary>GEN105: Nesterov momentum needs momentum.</summary>
    private static void CheckNesterovHasMomentum(DeclaredOptimizer optimizer, ImmutableArray<Diagnostic>.Builder found)
    {
        if (optimizer.Kind == OptimizerKind.Sgd && optimizer.Nesterov && optimizer.Momentum == 0)
        {
            found.Add(Diagnostic.Create(
                DiagnosticDescriptors.NesterovWithoutMomentum, optimizer.Attribute.LocationOf("Nesterov"), Format(optimizer.Momentum)));
        }
    }

    /// <summary>GEN106: Adam's second moment must average over at least as many steps as its first.</summary>
    private static void CheckBetasAreOrdered(DeclaredOptimizer optimizer, ImmutableArray<Diagnostic>.Builder found)
    {
        if (optimizer.Kind is not (OptimizerKind.Adam or OptimizerKind.AdamW)
            || !IsCoefficient(optimizer.Beta1) || !IsCoefficient(optimizer.Beta2) || optimizer.Beta2 >= optimizer.Beta1)
        {
            return;
        }

        // Point at the value the user changed: Beta2 when written, otherwise the Beta1 that
        // overtook the default Beta2.
        if (optimizer.Attribute.IsWritten("Beta2") || !optimizer.Attribute.IsWritten("Beta1"))
        {
            found.Add(Diagnostic.Create(
                DiagnosticDescriptors.UnusualOptimizerCoefficient, optimizer.Attribute.LocationOf("Beta2"),
                "Beta2", Format(optimizer.Beta2),
                $"a value at least Beta1 ({Format(optimizer.Beta1)}): the second-moment average must span more steps than the first (default {Format(Defaults.Beta2)})"));
        }
        else
        {
            found.Add(Diagnostic.Create(
                DiagnosticDescriptors.UnusualOptimizerCoefficient, optimizer.Attribute.LocationOf("Beta1"),
                "Beta1", Format(optimizer.Beta1),
                $"a value at most Beta2 ({Format(optimizer.Beta2)}): the first-moment average must span fewer steps than the second (default {Format(Defaults.Beta1)})"));
        }
    }

    /// <summary>GEN106: epsilon only guards a division; a large one changes the optimizer.</summary>
    private static void CheckEpsilonIsSmall(DeclaredOptimizer optimizer, ImmutableArray<Diagnostic>.Builder found)
    {
        if (optimizer.Kind == OptimizerKind.Sgd || !(optimizer.Epsilon > MaxUsualEpsilon && IsFinite(optimizer.Epsilon)))
        {
            return;
        }

        found.Add(Diagnostic.Create(
            DiagnosticDescriptors.UnusualOptimizerCoefficient, optimizer.Attribute.LocationOf("Epsilon"),
            "Epsilon", Format(optimizer.Epsilon),
            $"at most {Format(MaxUsualEpsilon)}: a larger epsilon dominates the denominator and damps every step of {optimizer.Kind} (default {Format(Defaults.Epsilon(optimizer.Kind))})"));
    }

    private static bool IsCoefficient(float value) => value >= 0 && value < 1;
}
