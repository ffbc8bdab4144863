using Gen.Generators.Model;

namespace Gen.Generators.Emit;

internal static partial class ModelEmitter
{
    /// <summary>
    /// The training plan (schedule, warmup, plateau reduction, early stopping, validation split)
    /// for the runtime trainer. Models that declare none keep the interface's default plan.
    /// </summary>
    private static void EmitPlan(CodeWriter w, ModelSpec model, string self)
    {
        PlanSpec? plan = model.Plan;
        if (plan is null)
        {
            return;
        }

        w.Line();
        w.Line("// How Fit trains beyond mini-batches, from the schedule and early-stopping attributes.");
        using (w.OpenBlock("private static readonly global::Gen.TrainingPlan s_plan = new()", close: "};"))
        {
            if (plan.Schedule is ScheduleKind schedule)
            {
                string factor = CodeWriter.Float(plan.ScheduleFactor);
                w.Line(schedule switch
                {
                    ScheduleKind.StepDecay => $"Schedule = new global::Gen.StepDecaySchedule(stepEpochs: {plan.ScheduleEpochs}, gamma: {factor}),",
                    ScheduleKind.ExponentialDecay => $"Schedule = new global::Gen.ExponentialDecaySchedule(gamma: {factor}),",
                    ScheduleKind.LinearDecay => $"Schedule = new global::Gen.LinearDecaySchedule(endFactor: {factor}, epochs: {plan.ScheduleEpochs}),",
                    _ => $"Schedule = new global::Gen.CosineDecaySchedule(epochs: {plan.ScheduleEpochs}, minLearningRate: {factor}),",
                });
            }

            if (plan.WarmupEpochs > 0)
            {
                w.Line($"WarmupEpochs = {plan.WarmupEpochs},");
            }

            if (plan.WarmupSteps > 0)
            {
                w.Line($"WarmupSteps = {plan.WarmupSteps},");
            }

            if (plan.PlateauFactor is float plateau)
            {
                w.Line($"ReduceOnPlateau = new global::Gen.ReduceOnPlateauOptions(Factor: {CodeWriter.Float(plateau)}, Patience: {plan.PlateauPatience}),");
            }

            if (plan.EarlyStopping is EarlyStoppingSpec stopping)
            {
                w.Line($"EarlyStopping = new global::Gen.EarlyStoppingOptions(Patience: {stopping.Patience}, MinDelta: {CodeWriter.Float(stopping.MinDelta)}, Monitor: global::Gen.Metric.{stopping.Monitor}, RestoreBestWeights: {(stopping.RestoreBestWeights ? "true" : "false")}),");
            }

            if (plan.ValidationFraction > 0f)
            {
                w.Line($"ValidationFraction = {CodeWriter.Float(plan.ValidationFraction)},");
            }
        }

        w.Line();
        w.Line($"static global::Gen.TrainingPlan {self}.Plan => s_plan;");
    }
}
