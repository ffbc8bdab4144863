using System;

namespace Gen.Benchmarks;

/// <summary>
/// The plain scalar C# baseline: the same model and arithmetic as Gen's (784 → H ReLU → 10 logits,
/// softmax cross-entropy averaged over the batch, torch.optim.Adam), written as one would by hand
/// with loops over arrays: no SIMD, no blocking, sizes known only at run time. Loops run in the
/// cache-friendly order (the innermost index walks contiguous memory). Allocates nothing per step.
/// </summary>
public sealed class ScalarMlp : IMlp
{
    private const int Inputs = 784;
    private const int Classes = 10;
    private const int MaxRows = 64;
    private const float Beta1 = 0.9f;
    private const float Beta2 = 0.999f;
    private const float Epsilon = 1e-8f;
    private const float LearningRate = 1e-3f;

    private readonly int _hidden;
    // Gen's layout: W1 [784 × H], b1 [H], W2 [H × 10], b2 [10], one buffer.
    private readonly int _w1;
    private readonly int _b1;
    private readonly int _w2;
    private readonly int _b2;
    private readonly float[] _parameters;
    private readonly float[] _gradients;
    private readonly float[] _m;
    private readonly float[] _v;
    private readonly float[] _hiddenOutput;
    private readonly float[] _hiddenGradient;
    private readonly float[] _logits;
    private readonly float[] _logitGradient;
    private int _step;

    /// <summary>A model with <paramref name="hidden"/> units starting from <paramref name="initial"/> (Gen's layout).</summary>
    public ScalarMlp(int hidden, float[] initial)
    {
        ArgumentNullException.ThrowIfNull(initial);
        _hidden = hidden;
        _w1 = 0;
        _b1 = Inputs * hidden;
        _w2 = _b1 + hidden;
        _b2 = _w2 + (hidden * Classes);
        int count = _b2 + Classes;
        if (initial.Length != count)
        {
            throw new ArgumentException($"Expected {count} parameters, got {initial.Length}.", nameof(initial));
        }

        _parameters = (float[])initial.Clone();
        _gradients = new float[count];
        _m = new float[count];
        _v = new float[count];
        _hiddenOutput = new float[MaxRows * hidden];
        _hiddenGradient = new float[MaxRows * hidden];
        _logits = new float[MaxRows * Classes];
        _logitGradient = new float[MaxRows * Classes];
    }

    /// <inheritdoc/>
    public float TrainStep(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels)
    {
        float loss = ComputeGradients(inputs, labels);
        ApplyGradients();
        return loss;
    }

    /// <inheritdoc/>
    public float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels)
    {
        int rows = labels.Length;
        Forward(inputs, rows);
        float[] p = _parameters;
        float[] g = _gradients;
        int h = _hidden;

        // Softmax cross-entropy; dL/dz = (softmax − one-hot) / rows.
        double total = 0;
        float scale = 1f / rows;
        for (int r = 0; r < rows; r++)
        {
            int o = r * Classes;
            float max = _logits[o];
            for (int c = 1; c < Classes; c++)
            {
                max = MathF.Max(max, _logits[o + c]);
            }

            float sum = 0;
            for (int c = 0; c < Classes; c++)
            {
                float e = MathF.Exp(_logits[o + c] - max);
                _logitGradient[o + c] = e;
                sum += e;
            }

            total += MathF.Log(sum) - (_logits[o + labels[r]] - max);
            for (int c = 0; c < Classes; c++)
            {
                _logitGradient[o + c] = _logitGradient[o + c] / sum * scale;
            }

            _logitGradient[o + labels[r]] -= scale;
        }

        // Layer 2: dW2 = Hᵀ·dZ, db2 = Σ dZ, dH = dZ·W2ᵀ masked by ReLU.
        Array.Clear(g);
        for (int r = 0; r < rows; r++)
        {
            for (int k = 0; k < h; k++)
            {
                float a = _hiddenOutput[(r * h) + k];
                for (int c = 0; c < Classes; c++)
                {
                    g[_w2 + (k * Classes) + c] += a * _logitGradient[(r * Classes) + c];
                }
            }

            for (int c = 0; c < Classes; c++)
            {
                g[_b2 + c] += _logitGradient[(r * Classes) + c];
            }

            for (int k = 0; k < h; k++)
            {
                float s = 0;
                for (int c = 0; c < Classes; c++)
                {
                    s += _logitGradient[(r * Classes) + c] * p[_w2 + (k * Classes) + c];
                }

                _hiddenGradient[(r * h) + k] = _hiddenOutput[(r * h) + k] > 0 ? s : 0;
            }
        }

        // Layer 1: dW1 = Xᵀ·dH, db1 = Σ dH (the gradient of the inputs is not needed).
        for (int r = 0; r < rows; r++)
        {
            for (int i = 0; i < Inputs; i++)
            {
                float x = inputs[(r * Inputs) + i];
                int row = _w1 + (i * h);
                for (int j = 0; j < h; j++)
                {
                    g[row + j] += x * _hiddenGradient[(r * h) + j];
                }
            }

            for (int j = 0; j < h; j++)
            {
                g[_b1 + j] += _hiddenGradient[(r * h) + j];
            }
        }

        return (float)(total / rows);
    }

    /// <inheritdoc/>
    public void ApplyGradients()
    {
        // torch.optim.Adam: m ← β₁m + (1 − β₁)g; v ← β₂v + (1 − β₂)g²;
        // p ← p − lr/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε).
        _step++;
        float stepSize = (float)(LearningRate / (1.0 - Math.Pow(Beta1, _step)));
        float inverseRootCorrection2 = (float)(1.0 / Math.Sqrt(1.0 - Math.Pow(Beta2, _step)));
        float[] p = _parameters;
        float[] g = _gradients;
        float[] m = _m;
        float[] v = _v;
        for (int i = 0; i < p.Length; i++)
        {
            m[i] = (Beta1 * m[i]) + ((1f - Beta1) * g[i]);
            v[i] = (Beta2 * v[i]) + ((1f - Beta2) * g[i] * g[i]);
            p[i] -= stepSize * m[i] / ((MathF.Sqrt(v[i]) * inverseRootCorrection2) + Epsilon);
        }
    }

    /// <inheritdoc/>
    public void Predict(ReadOnlySpan<float> inputs, Span<float> outputs)
    {
        int rows = inputs.Length / Inputs;
        Forward(inputs, rows);
        for (int r = 0; r < rows; r++)
        {
            int o = r * Classes;
            float max = _logits[o];
            for (int c = 1; c < Classes; c++)
            {
                max = MathF.Max(max, _logits[o + c]);
            }

            float sum = 0;
            for (int c = 0; c < Classes; c++)
            {
                float e = MathF.Exp(_logits[o + c] - max);
                outputs[o + c] = e;
                sum += e;
            }

            for (int c = 0; c < Classes; c++)
            {
                outputs[o + c] /= sum;
            }
        }
    }

    /// <inheritdoc/>
    public float[] CopyParameters() => (float[])_parameters.Clone();

    /// <inheritdoc/>
    public void Dispose()
    {
    }

    private void Forward(ReadOnlySpan<float> inputs, int rows)
    {
        float[] p = _parameters;
        int h = _hidden;
        for (int r = 0; r < rows; r++)
        {
            // Hidden layer: H = ReLU(X·W1 + b1).
            int hr = r * h;
            for (int j = 0; j < h; j++)
            {
                _hiddenOutput[hr + j] = p[_b1 + j];
            }

            for (int i = 0; i < Inputs; i++)
            {
                float x = inputs[(r * Inputs) + i];
                int row = _w1 + (i * h);
                for (int j = 0; j < h; j++)
                {
                    _hiddenOutput[hr + j] += x * p[row + j];
                }
            }

            for (int j = 0; j < h; j++)
            {
                _hiddenOutput[hr + j] = MathF.Max(_hiddenOutput[hr + j], 0f);
            }

            // Output layer: Z = H·W2 + b2.
            int zr = r * Classes;
            for (int c = 0; c < Classes; c++)
            {
                _logits[zr + c] = p[_b2 + c];
            }

            for (int k = 0; k < h; k++)
            {
                float a = _hiddenOutput[hr + k];
                int row = _w2 + (k * Classes);
                for (int c = 0; c < Classes; c++)
                {
                    _logits[zr + c] += a * p[row + c];
                }
            }
        }
    }
}
