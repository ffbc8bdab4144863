using System.Collections.Generic;
using Gen.Generators.Model;

namespace Gen.Generators.Emit;

/// <summary>
/// One optimizer's update written once as element-wise statements over locals: <c>p</c> (the
/// parameter), <c>g</c> (its gradient), one local per state buffer and the named coefficients.
/// The emitter writes the same statements for <c>float</c>, <c>Vector256&lt;float&gt;</c> and
/// <c>Vector512&lt;float&gt;</c> operands, so the three paths cannot drift apart.
/// </summary>
internal sealed class OptimizerRecipe
{
    /// <param name="Field">The buffer in the model, one value per parameter.</param>
    /// <param name="Local">The name the statements use for one element of it.</param>
    /// <param name="Meaning">What it holds, for the field's comment.</param>
    /// <param name="Name">PyTorch's name for it in the optimizer's state, for checkpoints.</param>
    public sealed record State(string Field, string Local, string Meaning, string Name);

    /// <param name="Name">The local the statements use.</param>
    /// <param name="Value">Its value, an expression over the model's constants and the per-step locals.</param>
    public sealed record Coefficient(string Name, string Value);

    public List<State> States { get; } = new();

    /// <summary>Constants of the declaration, emitted as <c>private const float</c>.</summary>
    public List<(string Name, float Value, string Meaning)> Constants { get; } = new();

    /// <summary>Per-step values computed once per <c>ApplyGradients</c> before the loop.</summary>
    public List<string> PerStep { get; } = new();

    public List<Coefficient> Coefficients { get; } = new();

    /// <summary>
    /// The update; <c>{Sqrt}</c> stands for the square root of the operand type, and <c>{Flush}</c>
    /// for <c>Subnormals.Flush</c>, which every new value of a state buffer passes through: state that
    /// decays while its gradient is zero (or sums tiny squares) would otherwise become subnormal, which
    /// is slow on Intel cores. <c>{ZeroBelow}</c> stands for <c>Subnormals.ZeroBelow</c>: a gradient is
    /// squared only when the square's contribution is normal.
    /// </summary>
    public List<string> Body { get; } = new();

    /// <summary>The update rule in words and formulas, for the method's documentation.</summary>
    public List<string> Summary { get; } = new();

    public static OptimizerRecipe For(OptimizerSpec optimizer)
    {
        var recipe = new OptimizerRecipe();
        switch (optimizer.Kind)
        {
            case OptimizerKind.Sgd:
                recipe.Coefficients.Add(new("learningRate", "learningRate"));
                if (optimizer.Momentum > 0)
                {
                    recipe.Constants.Add(("Momentum", optimizer.Momentum, "Momentum factor."));
                    recipe.States.Add(new("_velocities", "b", "SGD momentum buffer (PyTorch's momentum_buffer)", "momentum_buffer"));
                    recipe.Coefficients.Add(new("momentum", "Momentum"));
                    recipe.Body.Add("b = {Flush}((b * momentum) + g);");
                    recipe.Body.Add(optimizer.Nesterov
                        ? "p = p - (learningRate * (g + (momentum * b)));"
                        : "p = p - (learningRate * b);");
                    recipe.Summary.Add(optimizer.Nesterov
                        ? "SGD with Nesterov momentum (torch.optim.SGD, nesterov=True): b ← μ·b + g; p ← p − lr·(g + μ·b)."
                        : "SGD with momentum (torch.optim.SGD): b ← μ·b + g; p ← p − lr·b.");
                }
                else
                {
                    recipe.Body.Add("p = p - (learningRate * g);");
                    recipe.Summary.Add("Plain SGD (torch.optim.SGD): p ← p − lr·g.");
                }

                break;

            case OptimizerKind.Adam:
            case OptimizerKind.AdamW:
                bool decoupled = optimizer.Kind == OptimizerKind.AdamW;
                recipe.Constants.Add(("Beta1", optimizer.Beta1, "Decay of the first-moment estimate."));
                recipe.Constants.Add(("Beta2", optimizer.Beta2, "Decay of the second-moment estimate."));
                recipe.Constants.Add(("Epsilon", optimizer.Epsilon, "Added to the denominator for numerical stability."));
                if (decoupled)
                {
                    recipe.Constants.Add(("WeightDecay", optimizer.WeightDecay, "Decoupled weight decay."));
                }

                recipe.Constants.Add(SquaredGradientFloor(1f - optimizer.Beta2, "(1 − β₂)·g²"));
                recipe.States.Add(new("_firstMoments", "m", "Adam's first-moment estimates (exp_avg)", "exp_avg"));
                recipe.States.Add(new("_secondMoments", "v", "Adam's second-moment estimates (exp_avg_sq)", "exp_avg_sq"));
                recipe.PerStep.Add("// Bias corrections, in double as PyTorch computes them.");
                recipe.PerStep.Add("float stepSize = (float)(learningRate / (1.0 - global::System.Math.Pow(Beta1, _step)));");
                recipe.PerStep.Add("float inverseRootCorrection2 = (float)(1.0 / global::System.Math.Sqrt(1.0 - global::System.Math.Pow(Beta2, _step)));");
                if (decoupled)
                {
                    recipe.PerStep.Add("float decay = 1f - (learningRate * WeightDecay);");
                    recipe.Coefficients.Add(new("decay", "decay"));
                    recipe.Body.Add("p = p * decay;");
                }

                recipe.Coefficients.Add(new("beta1", "Beta1"));
                recipe.Coefficients.Add(new("oneMinusBeta1", "1f - Beta1"));
                recipe.Coefficients.Add(new("beta2", "Beta2"));
                recipe.Coefficients.Add(new("oneMinusBeta2", "1f - Beta2"));
                recipe.Coefficients.Add(new("squaredGradientFloor", "SquaredGradientFloor"));
                recipe.Coefficients.Add(new("epsilon", "Epsilon"));
                recipe.Coefficients.Add(new("stepSize", "stepSize"));
                recipe.Coefficients.Add(new("inverseRootCorrection2", "inverseRootCorrection2"));
                recipe.Body.Add("m = {Flush}((m * beta1) + (g * oneMinusBeta1));");
                recipe.Body.Add("var significant = {ZeroBelow}(g, squaredGradientFloor);");
                recipe.Body.Add("v = {Flush}((v * beta2) + (significant * significant * oneMinusBeta2));");
                recipe.Body.Add("p = p - (stepSize * m / (({Sqrt}(v) * inverseRootCorrection2) + epsilon));");
                if (decoupled)
                {
                    recipe.Summary.Add("AdamW (torch.optim.AdamW): p ← p·(1 − lr·λ), then the Adam step:");
                }

                recipe.Summary.Add("m ← β₁m + (1 − β₁)g; v ← β₂v + (1 − β₂)g²;");
                recipe.Summary.Add("p ← p − lr/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε) (torch.optim.Adam).");
                break;

            case OptimizerKind.RmsProp:
                recipe.Constants.Add(("Alpha", optimizer.Alpha, "Decay of the running mean of squared gradients."));
                recipe.Constants.Add(("Epsilon", optimizer.Epsilon, "Added to the denominator for numerical stability."));
                recipe.Constants.Add(SquaredGradientFloor(1f - optimizer.Alpha, "(1 − α)·g²"));
                recipe.States.Add(new("_squareAverages", "v", "RMSProp's running mean of squared gradients (square_avg)", "square_avg"));
                recipe.Coefficients.Add(new("learningRate", "learningRate"));
                recipe.Coefficients.Add(new("alpha", "Alpha"));
                recipe.Coefficients.Add(new("oneMinusAlpha", "1f - Alpha"));
                recipe.Coefficients.Add(new("squaredGradientFloor", "SquaredGradientFloor"));
                recipe.Coefficients.Add(new("epsilon", "Epsilon"));
                recipe.Body.Add("var significant = {ZeroBelow}(g, squaredGradientFloor);");
                recipe.Body.Add("v = {Flush}((v * alpha) + (significant * significant * oneMinusAlpha));");
                if (optimizer.Momentum > 0)
                {
                    recipe.Constants.Add(("Momentum", optimizer.Momentum, "Momentum factor."));
                    recipe.States.Add(new("_velocities", "b", "RMSProp momentum buffer (momentum_buffer)", "momentum_buffer"));
                    recipe.Coefficients.Add(new("momentum", "Momentum"));
                    recipe.Body.Add("b = {Flush}((b * momentum) + (g / ({Sqrt}(v) + epsilon)));");
                    recipe.Body.Add("p = p - (learningRate * b);");
                    recipe.Summary.Add("RMSProp with momentum (torch.optim.RMSprop): v ← αv + (1 − α)g²; b ← μb + g/(√v + ε); p ← p − lr·b.");
                }
                else
                {
                    recipe.Body.Add("p = p - (learningRate * g / ({Sqrt}(v) + epsilon));");
                    recipe.Summary.Add("RMSProp (torch.optim.RMSprop): v ← αv + (1 − α)g²; p ← p − lr·g/(√v + ε).");
                }

                break;

            default:
                recipe.Constants.Add(("Epsilon", optimizer.Epsilon, "Added to the denominator for numerical stability."));
                recipe.Constants.Add(SquaredGradientFloor(1f, "g²"));
                recipe.States.Add(new("_squareSums", "s", "AdaGrad's sum of squared gradients (sum)", "sum"));
                recipe.Coefficients.Add(new("learningRate", "learningRate"));
                recipe.Coefficients.Add(new("squaredGradientFloor", "SquaredGradientFloor"));
                recipe.Coefficients.Add(new("epsilon", "Epsilon"));
                recipe.Body.Add("var significant = {ZeroBelow}(g, squaredGradientFloor);");
                recipe.Body.Add("s = {Flush}(s + (significant * significant));");
                recipe.Body.Add("p = p - (learningRate * g / ({Sqrt}(s) + epsilon));");
                recipe.Summary.Add("AdaGrad (torch.optim.Adagrad): s ← s + g²; p ← p − lr·g/(√s + ε).");
                break;
        }

        return recipe;
    }

    /// <summary>
    /// The smallest float whose square, times <paramref name="factor"/>, reaches 2⁻¹²⁵, computed in
    /// floats as the update computes it: a gradient of smaller magnitude counts as 0 in the squared
    /// term, which is then never computed subnormal (a microcode assist on Intel cores, on every step
    /// for every tiny gradient of a well-fit model). Such a term is below what the state stores on its
    /// own (<c>Subnormals.FlushBelow</c>); added to a small state it would change its last bits.
    /// </summary>
    private static (string Name, float Value, string Meaning) SquaredGradientFloor(float factor, string term)
    {
        float scale = factor > 0f && factor <= 1f ? factor : 1f;
        float threshold = (float)System.Math.Pow(2, -125);
        int bits = ToBits((float)System.Math.Sqrt(threshold / (double)scale));

        // The rounded root is within an ulp or two of the answer: step to the smallest float that reaches it.
        for (int i = 0; i < 16 && Reaches(FromBits(bits - 1), scale, threshold); i++)
        {
            bits--;
        }

        for (int i = 0; i < 16 && !Reaches(FromBits(bits), scale, threshold); i++)
        {
            bits++;
        }

        return ("SquaredGradientFloor", FromBits(bits), $"A gradient of smaller magnitude makes {term} less than 2⁻¹²⁵: it counts as 0 there, so the square is never subnormal.");
    }

    private static bool Reaches(float gradient, float scale, float threshold) => (float)((float)(gradient * gradient) * scale) >= threshold;

    private static int ToBits(float value) => System.BitConverter.ToInt32(System.BitConverter.GetBytes(value), 0);

    private static float FromBits(int bits) => System.BitConverter.ToSingle(System.BitConverter.GetBytes(bits), 0);
}
