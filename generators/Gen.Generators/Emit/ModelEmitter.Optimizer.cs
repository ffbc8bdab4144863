using System.Linq;
using Gen.Generators.Model;

namespace Gen.Generators.Emit;

internal static partial class ModelEmitter
{
    private static string LocalName(OptimizerRecipe.State state) => state.Field.TrimStart('_');

    private static void EmitOptimizerState(CodeWriter w, ModelSpec model)
    {
        OptimizerRecipe recipe = OptimizerRecipe.For(model.Optimizer);
        foreach (OptimizerRecipe.State state in recipe.States)
        {
            w.Line($"// {state.Meaning}, one per parameter.");
            w.Line($"private readonly global::Gen.Kernels.AlignedBuffer {state.Field} = new(ParameterCount);");
        }

        w.Line("private int _step;");
    }

    /// <summary>
    /// Clone(): a copy with the same parameters, statistics, optimizer state and learning rate but
    /// its own buffers. Instances are not thread-safe, so concurrent callers each take a clone.
    /// </summary>
    private static void EmitClone(CodeWriter w, ModelSpec model)
    {
        if (model.Type.IsAbstract)
        {
            return; // `new` cannot make an abstract model; its derived classes can clone themselves.
        }

        string name = CodeWriter.Identifier(model.Type.Name);
        w.Line("/// <summary>");
        w.Line("/// A copy of this model with its own buffers: the same parameters, statistics, optimizer state and");
        w.Line("/// learning rate. An instance is not safe for concurrent use; give each thread its own clone.");
        w.Line("/// </summary>");
        using (w.OpenBlock($"public {name} Clone()"))
        {
            w.Line($"var copy = new {name}();");
            w.Line("_parameters.AsSpan().CopyTo(copy._parameters);");
            if (model.StatisticsCount > 0)
            {
                w.Line("_statistics.AsSpan().CopyTo(copy._statistics);");
            }

            foreach (OptimizerRecipe.State state in OptimizerRecipe.For(model.Optimizer).States)
            {
                w.Line($"{state.Field}.AsSpan().CopyTo(copy.{state.Field});");
            }

            w.Line("copy._step = _step;");
            w.Line("copy.LearningRate = LearningRate;");
            w.Line("return copy;");
        }

        w.Line();
    }

    /// <summary>
    /// The optimizer's state for checkpoints, implemented explicitly so that no new public member
    /// can collide with the user's: each per-parameter buffer by index, its name, and a settable step count.
    /// </summary>
    private static void EmitOptimizerAccess(CodeWriter w, ModelSpec model)
    {
        string name = CodeWriter.Identifier(model.Type.Name);
        string self = $"global::Gen.ITrainableModel<{name}>";
        OptimizerRecipe recipe = OptimizerRecipe.For(model.Optimizer);
        string prefix = Describe.Optimizer(model.Optimizer.Kind).ToLowerInvariant() + ".";
        string names = string.Join(", ", recipe.States.Select(s => "\"" + prefix + s.Name + "\""));
        w.Line($"private static readonly string[] s_optimizerStates = [{names}];");
        w.Line($"static global::System.ReadOnlySpan<string> {self}.OptimizerStates => s_optimizerStates;");
        if (recipe.States.Count == 0)
        {
            w.Line($"global::System.Span<float> {self}.OptimizerState(int index) => throw new global::System.ArgumentOutOfRangeException(nameof(index), index, nameof({name}) + \" has no optimizer state.\");");
        }
        else
        {
            using (w.OpenBlock($"global::System.Span<float> {self}.OptimizerState(int index) => index switch", "};"))
            {
                for (int i = 0; i < recipe.States.Count; i++)
                {
                    w.Line($"{i} => {recipe.States[i].Field},");
                }

                w.Line($"_ => throw new global::System.ArgumentOutOfRangeException(nameof(index), index, nameof({name}) + \" has {recipe.States.Count} optimizer state buffer(s).\"),");
            }
        }

        w.Line($"int {self}.StepCount {{ get => _step; set => _step = value; }}");
        w.Line();
    }

    private static void EmitOptimizerReset(CodeWriter w, ModelSpec model)
    {
        foreach (OptimizerRecipe.State state in OptimizerRecipe.For(model.Optimizer).States)
        {
            w.Line($"{state.Field}.AsSpan().Clear();");
        }

        w.Line("_step = 0;");
    }

    private static void EmitOptimizer(CodeWriter w, ModelSpec model)
    {
        OptimizerRecipe recipe = OptimizerRecipe.For(model.Optimizer);
        string update = Describe.Optimizer(model.Optimizer.Kind) + "Update";
        foreach ((string name, float value, string meaning) in recipe.Constants)
        {
            w.Line($"// {meaning}");
            w.Line($"private const float {name} = {CodeWriter.Float(value)};");
        }

        if (recipe.Constants.Count > 0)
        {
            w.Line();
        }

        w.Line("/// <summary>");
        w.Line("/// One optimizer step over every parameter with the gradients of the last");
        w.Line("/// <see cref=\"ComputeGradients\"/>, as one fused pass over the contiguous parameter, gradient");
        w.Line("/// and state buffers.");
        foreach (string line in recipe.Summary)
        {
            w.Line("/// " + line);
        }

        if (recipe.States.Count > 0)
        {
            w.Line("/// State values of magnitude below 2⁻¹²⁵ are stored as 0, so that the state never turns subnormal,");
            w.Line("/// which is slow on Intel cores (<see cref=\"global::Gen.Kernels.Subnormals\"/>).");
        }

        w.Line("/// </summary>");
        using (w.OpenBlock("public void ApplyGradients()"))
        {
            if (model.Regularization.MaxGradientNorm > 0f)
            {
                w.Line("// Gradient clipping: rescale every gradient together when their global norm exceeds the limit.");
                w.Line("global::Gen.Kernels.RegularizationKernels.ClipNorm(_gradients, MaxGradientNorm);");
            }

            w.Line("_step++;");
            using (w.OpenBlock("if (_inputSplit is { } split)"))
            {
                w.Line("// Each thread updates the first layer's weight rows it owns; this thread the rest.");
                w.Line("split.Update();");
            }

            using (w.OpenBlock("else"))
            {
                w.Line("UpdateParameters(0, ParameterCount);");
            }
        }

        w.Line();
        w.Line("/// <summary>");
        w.Line("/// The update of parameters [<paramref name=\"from\"/>, <paramref name=\"to\"/>) at the step already");
        w.Line("/// counted: all of them for <see cref=\"ApplyGradients\"/>, or one range per thread when TrainingThreads is above 1.");
        w.Line("/// </summary>");
        w.Line("// Compiled optimized from its first call, as are the runtime's kernels: at tier 0 the JIT inlines none of");
        w.Line("// the vector helpers, and a training run of a few seconds would spend most of them there.");
        w.OptimizedFromFirstCall();
        using (w.OpenBlock("private void UpdateParameters(int from, int to)"))
        {
            w.Line("float learningRate = LearningRate;");
            foreach (string line in recipe.PerStep)
            {
                w.Line(line);
            }

            w.Line("ref float parameters = ref _parameters.Reference;");
            w.Line("ref float gradients = ref _gradients.Reference;");
            foreach (OptimizerRecipe.State state in recipe.States)
            {
                w.Line($"ref float {LocalName(state)} = ref {state.Field}.Reference;");
            }

            w.Line("nint i = from;");
            string buffers = string.Join(", ", new[] { "ref parameters", "ref gradients" }.Concat(recipe.States.Select(s => "ref " + LocalName(s))));
            EmitVectorLoop(w, "global::System.Runtime.Intrinsics.Vector512", 16, recipe, update, buffers, first: true);
            EmitVectorLoop(w, "global::System.Runtime.Intrinsics.Vector256", 8, recipe, update, buffers, first: false);
            w.Line();
            w.Line("// The parameters that fill no whole vector, one at a time.");
            using (w.OpenBlock("for (; i < to; i++)"))
            {
                string scalars = string.Join(", ", recipe.Coefficients.Select(c => c.Value));
                w.Line($"{update}({buffers}, i, {scalars});");
            }
        }

        w.Line();
        EmitUpdateMethod(w, recipe, update, "global::System.Runtime.Intrinsics.Vector512<float>", "global::System.Runtime.Intrinsics.Vector512.Sqrt", v => $"global::System.Runtime.Intrinsics.Vector512.LoadUnsafe(ref {v}, (nuint)at)", (local, v) => $"global::System.Runtime.Intrinsics.Vector512.StoreUnsafe({local}, ref {v}, (nuint)at);");
        EmitUpdateMethod(w, recipe, update, "global::System.Runtime.Intrinsics.Vector256<float>", "global::System.Runtime.Intrinsics.Vector256.Sqrt", v => $"global::System.Runtime.Intrinsics.Vector256.LoadUnsafe(ref {v}, (nuint)at)", (local, v) => $"global::System.Runtime.Intrinsics.Vector256.StoreUnsafe({local}, ref {v}, (nuint)at);");
        EmitUpdateMethod(w, recipe, update, "float", "global::System.MathF.Sqrt", v => $"global::System.Runtime.CompilerServices.Unsafe.Add(ref {v}, at)", (local, v) => $"global::System.Runtime.CompilerServices.Unsafe.Add(ref {v}, at) = {local};");
    }

    private static void EmitVectorLoop(CodeWriter w, string vector, int width, OptimizerRecipe recipe, string update, string buffers, bool first)
    {
        // The coefficients broadcast to every lane, named apart from the per-step scalars they come from.
        string coefficients = string.Join(", ", recipe.Coefficients.Select(c => c.Name + "Vector"));
        using (w.OpenBlock($"{(first ? "if" : "else if")} ({vector}.IsHardwareAccelerated)"))
        {
            foreach (OptimizerRecipe.Coefficient coefficient in recipe.Coefficients)
            {
                w.Line($"{vector}<float> {coefficient.Name}Vector = {vector}.Create({coefficient.Value});");
            }

            w.Line($"// Unrolled: four vectors of {width} parameters per iteration.");
            using (w.OpenBlock($"for (; i <= to - {4 * width}; i += {4 * width})"))
            {
                for (int u = 0; u < 4; u++)
                {
                    string at = u == 0 ? "i" : $"i + {u * width}";
                    w.Line($"{update}({buffers}, {at}, {coefficients});");
                }
            }

            w.Line();
            using (w.OpenBlock($"for (; i <= to - {width}; i += {width})"))
            {
                w.Line($"{update}({buffers}, i, {coefficients});");
            }
        }
    }

    private static void EmitUpdateMethod(
        CodeWriter w, OptimizerRecipe recipe, string update, string type, string sqrt,
        System.Func<string, string> load, System.Func<string, string, string> store)
    {
        string states = string.Concat(recipe.States.Select(s => $", ref float {LocalName(s)}"));
        string coefficients = string.Concat(recipe.Coefficients.Select(c => $", {type} {c.Name}"));
        w.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
        using (w.OpenBlock($"private static void {update}(ref float parameters, ref float gradients{states}, nint at{coefficients})"))
        {
            w.Line($"{type} p = {load("parameters")};");
            w.Line($"{type} g = {load("gradients")};");
            foreach (OptimizerRecipe.State state in recipe.States)
            {
                w.Line($"{type} {state.Local} = {load(LocalName(state))};");
            }

            foreach (string line in recipe.Body)
            {
                w.Line(line.Replace("{Sqrt}", sqrt).Replace("{Flush}", "global::Gen.Kernels.Subnormals.Flush").Replace("{ZeroBelow}", "global::Gen.Kernels.Subnormals.ZeroBelow"));
            }

            foreach (OptimizerRecipe.State state in recipe.States)
            {
                w.Line(store(state.Local, LocalName(state)));
            }

            w.Line(store("p", "parameters"));
        }

        w.Line();
    }
}
