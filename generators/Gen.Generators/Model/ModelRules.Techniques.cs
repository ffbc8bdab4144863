using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Gen.Generators.Model;

// The checks of the training techniques (issue 5): dropout and batch normalization layers,
// L1/L2 regularization, gradient clipping, learning-rate schedules, early stopping.
//
// Errors (the generator emits no code): GEN002 for a technique declared twice, GEN003 for an
// unknown Monitor, GEN007 for early stopping on an accuracy a regression loss does not have,
// GEN008 for a value out of range, GEN009 and GEN112 for a layer in the wrong place.
// Warnings: GEN107–GEN111 and GEN113. As elsewhere, a warning stays quiet about a value an error
// already rejects, so one mistake gives one diagnostic.
//
// The placement rules are the emitter's contract: each Dense layer is followed by at most one
// BatchNorm and then at most one Dropout, in that order, and the sequence starts and ends with a
// Dense layer. BatchNorm normalizes its Dense layer's pre-activation, before the activation and
// before the dropout, so it must come directly after the Dense.
internal static partial class ModelRules
{
    /// <summary>The smallest learning rate a schedule may reach before GEN110 says it stopped training.</summary>
    internal const double LearningRateFloor = 1e-8;

    /// <summary>The dropout rate above which GEN107 warns.</summary>
    internal const float MaxUsualDropoutRate = 0.5f;

    /// <summary>The smallest batch whose statistics GEN113 trusts for batch normalization.</summary>
    internal const int MinBatchNormBatchSize = 8;

    private static void CheckTechniques(ModelDeclaration model, ImmutableArray<Diagnostic>.Builder found)
    {
        CheckTechniqueParts(model, found);
        CheckLayerPlacement(model, found);
        CheckTechniqueValues(model, found);
        CheckMonitorFitsLoss(model, found);
    }

    private static void CheckTechniqueMistakes(ModelDeclaration model, ImmutableArray<Diagnostic>.Builder found)
    {
        CheckDropoutRates(model, found);
        CheckL2WithAdam(model, found);
        CheckScheduleActs(model, found);
        CheckPatienceBelowEpochs(model, found);
        CheckBatchNormBatchSize(model, found);
    }

    // ---- GEN002: at most one of each technique. ----

    private static void CheckTechniqueParts(ModelDeclaration model, ImmutableArray<Diagnostic>.Builder found)
    {
        string name = model.Type.Name;
        DeclaredTechniques techniques = model.Techniques;
        ReportDuplicates(
            techniques.Schedules.Select(s => s.Attribute),
            "a second learning-rate decay; a model has at most one of [StepDecay], [ExponentialDecay], [LinearDecay], [CosineDecay] (plus an optional [Warmup])",
            name, found);
        ReportDuplicates(techniques.Warmups.Select(w => w.Attribute), "a second [Warmup]; a model has at most one", name, found);
        ReportDuplicates(techniques.Plateaus.Select(p => p.Attribute), "a second [ReduceOnPlateau]; a model has at most one", name, found);
        ReportDuplicates(techniques.EarlyStoppings.Select(e => e.Attribute), "a second [EarlyStopping]; a model has at most one", name, found);
        ReportDuplicates(techniques.L1.Select(v => v.Attribute), "a second [L1]; a model has at most one", name, found);
        ReportDuplicates(techniques.L2.Select(v => v.Attribute), "a second [L2]; a model has at most one", name, found);
        ReportDuplicates(techniques.ClipGradientNorm.Select(v => v.Attribute), "a second [ClipGradientNorm]; a model has at most one", name, found);
    }

    // ---- GEN009 and GEN112: Dense [BatchNorm] [Dropout], starting and ending with Dense. ----

    private static void CheckLayerPlacement(ModelDeclaration model, ImmutableArray<Diagnostic>.Builder found)
    {
        if (model.LayersOnSeveralParts)
        {
            return; // GEN004: the order is undefined, so no entry has a place to be wrong about
        }

        ImmutableArray<DeclaredLayer> sequence = model.Sequence;
        int lastDense = -1;
        for (int i = sequence.Length - 1; i >= 0; i--)
        {
            if (sequence[i].Kind == LayerKind.Dense)
            {
                lastDense = i;
                break;
            }
        }

        int denseNumber = 0;                 // 1-based number of the Dense layer the entries follow
        DeclaredLayer? dense = null;
        DeclaredLayer? batchNorm = null;     // the BatchNorm after that Dense, if any
        DeclaredLayer? dropout = null;       // the Dropout after that Dense, if any
        for (int i = 0; i < sequence.Length; i++)
        {
            DeclaredLayer layer = sequence[i];
            if (layer.Kind == LayerKind.Dense)
            {
                denseNumber++;
                dense = layer;
                batchNorm = null;
                dropout = null;
                continue;
            }

            string problem;
            bool afterDropout = false;
            if (dense is null)
            {
                problem = layer.Kind == LayerKind.Dropout
                    ? "[Dropout] comes before the first Dense layer, but it drops outputs of the Dense layer before it; move it after a hidden Dense layer"
                    : "[BatchNorm] comes before the first Dense layer, but it normalizes the Dense layer directly before it; move it directly after a hidden Dense layer";
            }
            else if (i > lastDense)
            {
                problem = layer.Kind == LayerKind.Dropout
                    ? "[Dropout] comes after the last Dense layer, so it would drop the model's outputs; move it after a hidden Dense layer, or remove it"
                    : "[BatchNorm] comes after the last Dense layer, so it would normalize the model's outputs; move it directly after a hidden Dense layer, or remove it";
            }
            else if (layer.Kind == LayerKind.Dropout && dropout is not null)
            {
                problem = $"[Dropout] is the second dropout after Dense layer {denseNumber} (Dense({dense.Units})); keep one dropout per layer"
                    + CombinedRate(dropout.Rate, layer.Rate);
            }
            else if (layer.Kind == LayerKind.BatchNorm && batchNorm is not null)
            {
                problem = $"[BatchNorm] is the second batch normalization after Dense layer {denseNumber} (Dense({dense.Units})); a layer is normalized once, so remove it";
            }
            else if (layer.Kind == LayerKind.BatchNorm && dropout is not null)
            {
                afterDropout = true;
                problem = string.Empty;
            }
            else
            {
                if (layer.Kind == LayerKind.Dropout)
                {
                    dropout = layer;
                }
                else
                {
                    batchNorm = layer;
                }

                continue;
            }

            found.Add(afterDropout
                ? Diagnostic.Create(DiagnosticDescriptors.BatchNormAfterDropout, layer.Attribute.Location, denseNumber, dense!.Units)
                : Diagnostic.Create(DiagnosticDescriptors.LayerInWrongPlace, layer.Attribute.Location, problem));
        }
    }

    /// <summary>The single dropout rate that drops as many units as two in a row, when both are valid.</summary>
    private static string CombinedRate(float first, float second) =>
        IsRate(first) && IsRate(second)
            ? $" (one [Dropout({(1 - ((1 - (double)first) * (1 - (double)second))).ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)}f)] drops as many units as these two)"
            : string.Empty;

    // ---- GEN008: rates, factors and coefficients in range. ----

    private static void CheckTechniqueValues(ModelDeclaration model, ImmutableArray<Diagnostic>.Builder found)
    {
        foreach (DeclaredLayer layer in model.Sequence)
        {
            switch (layer.Kind)
            {
                case LayerKind.Dropout:
                    RequireInRange(layer.Attribute, "rate", "The Dropout rate", layer.Rate, IsRate(layer.Rate), "a probability in [0, 1)", found);
                    break;
                case LayerKind.BatchNorm:
                    RequireInRange(layer.Attribute, "Momentum", "The BatchNorm Momentum", layer.Momentum, layer.Momentum is >= 0 and <= 1, "a value in [0, 1]", found);
                    RequireInRange(layer.Attribute, "Epsilon", "The BatchNorm Epsilon", layer.Epsilon, layer.Epsilon > 0 && IsFinite(layer.Epsilon), "a finite value > 0", found);
                    break;
            }
        }

        DeclaredTechniques techniques = model.Techniques;
        foreach (DeclaredValue l1 in techniques.L1)
        {
            RequireInRange(l1.Attribute, "lambda", "The L1 lambda", l1.Value, IsNonNegativeFinite(l1.Value), "a finite value ≥ 0", found);
        }

        foreach (DeclaredValue l2 in techniques.L2)
        {
            RequireInRange(l2.Attribute, "lambda", "The L2 lambda", l2.Value, IsNonNegativeFinite(l2.Value), "a finite value ≥ 0", found);
        }

        foreach (DeclaredOptimizer optimizer in model.Optimizers)
        {
            if (optimizer.Kind == OptimizerKind.AdamW)
            {
                RequireInRange(optimizer.Attribute, "WeightDecay", "The AdamW WeightDecay", optimizer.WeightDecay, IsNonNegativeFinite(optimizer.WeightDecay), "a finite value ≥ 0", found);
            }
        }

        foreach (DeclaredValue clip in techniques.ClipGradientNorm)
        {
            RequireInRange(clip.Attribute, "maxNorm", "The ClipGradientNorm maxNorm", clip.Value, clip.Value > 0 && IsFinite(clip.Value), "a finite value > 0", found);
        }

        foreach (DeclaredSchedule schedule in techniques.Schedules)
        {
            string what = $"The {schedule.Kind} {schedule.FactorArgument}";
            switch (schedule.Kind)
            {
                case ScheduleKind.StepDecay:
                case ScheduleKind.ExponentialDecay:
                    RequireInRange(schedule.Attribute, schedule.FactorArgument, what, schedule.Factor, IsFactor(schedule.Factor), "a factor in (0, 1]", found);
                    break;
                case ScheduleKind.LinearDecay:
                    RequireInRange(schedule.Attribute, schedule.FactorArgument, what, schedule.Factor, schedule.Factor is >= 0 and <= 1, "a factor in [0, 1]", found);
                    break;
                case ScheduleKind.CosineDecay:
                    RequireInRange(schedule.Attribute, schedule.FactorArgument, what, schedule.Factor, IsNonNegativeFinite(schedule.Factor), "a finite learning rate ≥ 0", found);
                    break;
            }

            if (schedule.Kind != ScheduleKind.ExponentialDecay)
            {
                RequirePositiveCount(schedule.Attribute, schedule.EpochsArgument, $"The {schedule.Kind} {schedule.EpochsArgument}", schedule.Epochs, "a positive number of epochs", found);
            }
        }

        foreach (DeclaredWarmup warmup in techniques.Warmups)
        {
            CheckWarmupLength(warmup, found);
        }

        foreach (DeclaredPlateau plateau in techniques.Plateaus)
        {
            RequireInRange(plateau.Attribute, "Factor", "The ReduceOnPlateau Factor", plateau.Factor, IsFactor(plateau.Factor), "a factor in (0, 1]", found);
            RequirePositiveCount(plateau.Attribute, "Patience", "The ReduceOnPlateau Patience", plateau.Patience, "a positive number of epochs", found);
        }

        foreach (DeclaredEarlyStopping stopping in techniques.EarlyStoppings)
        {
            RequirePositiveCount(stopping.Attribute, "Patience", "The EarlyStopping Patience", stopping.Patience, "a positive number of epochs", found);
            RequireInRange(stopping.Attribute, "MinDelta", "The EarlyStopping MinDelta", stopping.MinDelta, IsNonNegativeFinite(stopping.MinDelta), "a finite value ≥ 0", found);
        }

        foreach (DeclaredTraining training in model.Trainings)
        {
            RequireInRange(training.Attribute, "ValidationFraction", "The Training ValidationFraction", training.ValidationFraction, IsRate(training.ValidationFraction), "a fraction in [0, 1)", found);
        }
    }

    /// <summary>GEN008: a warmup lasts a positive number of epochs or of steps, not both, never negative.</summary>
    private static void CheckWarmupLength(DeclaredWarmup warmup, ImmutableArray<Diagnostic>.Builder found)
    {
        DeclaredAttribute attribute = warmup.Attribute;
        if (warmup.Epochs < 0 || warmup.Steps < 0)
        {
            ReportNegative(attribute, "Epochs", warmup.Epochs, "0 or a positive number of epochs", found);
            ReportNegative(attribute, "Steps", warmup.Steps, "0 or a positive number of steps", found);
            return;
        }

        if (warmup.Epochs == 0 && warmup.Steps == 0)
        {
            // On the zero that was written, or on [Warmup] when neither was.
            string argument = attribute.IsWritten("Epochs") || !attribute.IsWritten("Steps") ? "Epochs" : "Steps";
            found.Add(Diagnostic.Create(
                DiagnosticDescriptors.ValueOutOfRange, attribute.LocationOf(argument),
                "The Warmup " + argument, "0", "a positive number of Epochs or of Steps (a warmup lasts one of the two)"));
        }
        else if (warmup.Epochs > 0 && warmup.Steps > 0)
        {
            // On the second of the two, as written: the one that contradicts the first.
            bool stepsLast = attribute.LocationOf("Steps").SourceSpan.Start > attribute.LocationOf("Epochs").SourceSpan.Start;
            string argument = stepsLast ? "Steps" : "Epochs";
            string other = stepsLast ? "Epochs" : "Steps";
            int value = stepsLast ? warmup.Steps : warmup.Epochs;
            int otherValue = stepsLast ? warmup.Epochs : warmup.Steps;
            found.Add(Diagnostic.Create(
                DiagnosticDescriptors.ValueOutOfRange, attribute.LocationOf(argument),
                "The Warmup " + argument, Format(value), $"0 when {other} is set ({Format(otherValue)}): a warmup lasts either Epochs or Steps, not both"));
        }
    }

    private static void RequireInRange(DeclaredAttribute attribute, string argument, string what, float value, bool inRange, string expected, ImmutableArray<Diagnostic>.Builder found)
    {
        if (!inRange)
        {
            found.Add(Diagnostic.Create(DiagnosticDescriptors.ValueOutOfRange, attribute.LocationOf(argument), what, Format(value), expected));
        }
    }

    private static void RequirePositiveCount(DeclaredAttribute attribute, string argument, string what, int value, string expected, ImmutableArray<Diagnostic>.Builder found)
    {
        if (value <= 0)
        {
            found.Add(Diagnostic.Create(DiagnosticDescriptors.ValueOutOfRange, attribute.LocationOf(argument), what, Format(value), expected));
        }
    }

    private static void ReportNegative(DeclaredAttribute attribute, string argument, int value, string expected, ImmutableArray<Diagnostic>.Builder found)
    {
        if (value < 0)
        {
            found.Add(Diagnostic.Create(DiagnosticDescriptors.ValueOutOfRange, attribute.LocationOf(argument), "The Warmup " + argument, Format(value), expected));
        }
    }

    // ---- GEN003 and GEN007: what early stopping monitors. ----

    private static void CheckMonitorFitsLoss(ModelDeclaration model, ImmutableArray<Diagnostic>.Builder found)
    {
        foreach (DeclaredEarlyStopping stopping in model.Techniques.EarlyStoppings)
        {
            if (!System.Enum.IsDefined(typeof(MetricKind), stopping.Monitor))
            {
                found.Add(Diagnostic.Create(DiagnosticDescriptors.SizeOutOfRange, stopping.Attribute.LocationOf("Monitor"), "The monitor", Format((int)stopping.Monitor), "one of the values of Gen.Metric"));
                continue;
            }

            if (stopping.Monitor != MetricKind.ValidationAccuracy)
            {
                continue;
            }

            foreach (DeclaredLoss loss in model.Losses)
            {
                if (loss.Kind is LossKind.MeanSquaredError or LossKind.MeanAbsoluteError or LossKind.Huber)
                {
                    found.Add(Diagnostic.Create(
                        DiagnosticDescriptors.LossDoesNotFitOutput,
                        stopping.Attribute.LocationOf("Monitor"),
                        $"EarlyStopping monitors Metric.ValidationAccuracy, but LossKind.{loss.Kind} is a regression loss and a regression model has no accuracy; monitor Metric.ValidationLoss"));
                }
            }
        }
    }

    // ---- Warnings. ----

    /// <summary>GEN107: a dropout rate above 0.5.</summary>
    private static void CheckDropoutRates(ModelDeclaration model, ImmutableArray<Diagnostic>.Builder found)
    {
        foreach (DeclaredLayer layer in model.Sequence)
        {
            if (layer.Kind == LayerKind.Dropout && layer.Rate > MaxUsualDropoutRate && layer.Rate < 1)
            {
                found.Add(Diagnostic.Create(DiagnosticDescriptors.HighDropoutRate, layer.Attribute.LocationOf("rate"), Format(layer.Rate)));
            }
        }
    }

    /// <summary>
    /// GEN108 (L2 with Adam) and GEN109 (L2 with AdamW's weight decay), on the [L2] attribute. With
    /// more than one L2 or optimizer GEN002 already stops the model, so these wait for it.
    /// </summary>
    private static void CheckL2WithAdam(ModelDeclaration model, ImmutableArray<Diagnostic>.Builder found)
    {
        if (model.Techniques.L2.Length != 1 || model.Optimizers.Length != 1)
        {
            return;
        }

        DeclaredValue l2 = model.Techniques.L2[0];
        DeclaredOptimizer optimizer = model.Optimizers[0];
        if (!(l2.Value > 0 && IsFinite(l2.Value)))
        {
            return; // L2(0) does nothing; a negative or NaN lambda is GEN008
        }

        if (optimizer.Kind == OptimizerKind.Adam)
        {
            // The fix rewrites the optimizer too: it is the additional location.
            found.Add(Diagnostic.Create(
                DiagnosticDescriptors.L2WithAdam, l2.Attribute.Location,
                additionalLocations: new[] { optimizer.Attribute.Location },
                Format(l2.Value)));
        }
        else if (optimizer.Kind == OptimizerKind.AdamW && optimizer.WeightDecay > 0 && IsFinite(optimizer.WeightDecay))
        {
            found.Add(Diagnostic.Create(
                DiagnosticDescriptors.L2WithWeightDecay, l2.Attribute.Location,
                additionalLocations: new[] { optimizer.Attribute.LocationOf("WeightDecay") },
                Format(l2.Value), Format(optimizer.WeightDecay)));
        }
    }

    /// <summary>
    /// GEN110: a decay that never acts, a warmup that never ends, or a learning rate that falls
    /// below <see cref="LearningRateFloor"/> during training, from each schedule's closed form.
    /// </summary>
    private static void CheckScheduleActs(ModelDeclaration model, ImmutableArray<Diagnostic>.Builder found)
    {
        int epochs = model.Trainings.IsEmpty ? Defaults.Epochs : model.Trainings[0].Epochs;
        if (epochs <= 0)
        {
            return; // GEN003
        }

        foreach (DeclaredWarmup warmup in model.Techniques.Warmups)
        {
            if (warmup.Epochs >= epochs && warmup.Steps == 0)
            {
                found.Add(Diagnostic.Create(
                    DiagnosticDescriptors.ScheduleNeverActsOrStopsTraining, warmup.Attribute.LocationOf("Epochs"),
                    $"The Warmup lasts {Format(warmup.Epochs)} epochs, but training runs {Format(epochs)}: the learning rate is still rising when training ends; use a warmup of a few epochs, or Steps"));
            }
        }

        float? learningRate = model.Optimizers.Length == 1 ? model.Optimizers[0].LearningRate : null;
        foreach (DeclaredSchedule schedule in model.Techniques.Schedules)
        {
            if (!IsValid(schedule))
            {
                continue; // GEN008
            }

            if (schedule.Kind == ScheduleKind.StepDecay && schedule.Epochs >= epochs)
            {
                found.Add(Diagnostic.Create(
                    DiagnosticDescriptors.ScheduleNeverActsOrStopsTraining, schedule.Attribute.LocationOf("StepEpochs"),
                    $"StepDecay decays every {Format(schedule.Epochs)} epochs, but training runs {Format(epochs)}: the learning rate never changes; use a StepEpochs below {Format(epochs)}"));
                continue;
            }

            if (learningRate is not float rate || !(rate >= LearningRateFloor && IsFinite(rate)))
            {
                continue; // a rate already below the floor is GEN005 or GEN104, not the schedule's doing
            }

            for (int epoch = 0; epoch < epochs; epoch++)
            {
                double scheduled = ScheduledLearningRate(schedule, rate, epoch);
                if (scheduled < LearningRateFloor)
                {
                    // On what brings the rate down: the factor of a repeated decay, the length of
                    // a decay that ends before training does.
                    string argument = schedule.Kind is ScheduleKind.StepDecay or ScheduleKind.ExponentialDecay
                        ? schedule.FactorArgument
                        : schedule.EpochsArgument;
                    found.Add(Diagnostic.Create(
                        DiagnosticDescriptors.ScheduleNeverActsOrStopsTraining, schedule.Attribute.LocationOf(argument),
                        $"{schedule.Kind} lowers the learning rate to {FormatRate(scheduled)} in epoch {Format(epoch + 1)} of {Format(epochs)}, below {FormatRate(LearningRateFloor)}: training stops moving from there; decay more slowly, or over the whole training"));
                    break;
                }
            }
        }
    }

    /// <summary>
    /// The learning rate of epoch <paramref name="epoch"/> (from 0), by the closed forms of
    /// PyTorch's StepLR, ExponentialLR, LinearLR (start factor 1) and CosineAnnealingLR.
    /// </summary>
    internal static double ScheduledLearningRate(DeclaredSchedule schedule, double rate, int epoch)
    {
        double factor = schedule.Factor;
        double length = schedule.Epochs;
        return schedule.Kind switch
        {
            ScheduleKind.StepDecay => rate * System.Math.Pow(factor, epoch / schedule.Epochs),
            ScheduleKind.ExponentialDecay => rate * System.Math.Pow(factor, epoch),
            ScheduleKind.LinearDecay => rate * (1 + ((factor - 1) * System.Math.Min(epoch, length) / length)),
            _ => factor + ((rate - factor) * (1 + System.Math.Cos(System.Math.PI * epoch / length)) / 2),
        };
    }

    private static bool IsValid(DeclaredSchedule schedule) => schedule.Kind switch
    {
        ScheduleKind.StepDecay => IsFactor(schedule.Factor) && schedule.Epochs > 0,
        ScheduleKind.ExponentialDecay => IsFactor(schedule.Factor),
        ScheduleKind.LinearDecay => schedule.Factor is >= 0 and <= 1 && schedule.Epochs > 0,
        _ => IsNonNegativeFinite(schedule.Factor) && schedule.Epochs > 0,
    };

    /// <summary>GEN111: early stopping whose patience outlasts the training.</summary>
    private static void CheckPatienceBelowEpochs(ModelDeclaration model, ImmutableArray<Diagnostic>.Builder found)
    {
        int epochs = model.Trainings.IsEmpty ? Defaults.Epochs : model.Trainings[0].Epochs;
        if (epochs <= 0)
        {
            return; // GEN003
        }

        foreach (DeclaredEarlyStopping stopping in model.Techniques.EarlyStoppings)
        {
            if (stopping.Patience >= epochs)
            {
                found.Add(Diagnostic.Create(
                    DiagnosticDescriptors.PatienceNotBelowEpochs, stopping.Attribute.LocationOf("Patience"),
                    Format(stopping.Patience), Format(epochs)));
            }
        }
    }

    /// <summary>GEN113: batch normalization over batches too small for stable statistics.</summary>
    private static void CheckBatchNormBatchSize(ModelDeclaration model, ImmutableArray<Diagnostic>.Builder found)
    {
        if (!model.Sequence.Any(l => l.Kind == LayerKind.BatchNorm))
        {
            return;
        }

        foreach (DeclaredTraining training in model.Trainings)
        {
            if (training.BatchSize is > 0 and < MinBatchNormBatchSize)
            {
                found.Add(Diagnostic.Create(
                    DiagnosticDescriptors.BatchNormWithSmallBatch, training.Attribute.LocationOf("BatchSize"),
                    Format(training.BatchSize), MinBatchNormBatchSize));
            }
        }
    }

    private static bool IsRate(float value) => value >= 0 && value < 1;

    private static bool IsFactor(float value) => value > 0 && value <= 1;

    private static bool IsNonNegativeFinite(float value) => value >= 0 && IsFinite(value);

    private static string FormatRate(double value) => value.ToString("0.###E+0", System.Globalization.CultureInfo.InvariantCulture);
}
