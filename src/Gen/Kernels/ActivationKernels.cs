using System;
using System.ComponentModel;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Gen.Kernels;

/// <summary>
/// Activations in place over a layer's outputs, and their derivatives applied to the gradient
/// flowing back. The backward passes of ReLU, LeakyReLU, Sigmoid and Tanh need only the layer's
/// output; GELU needs its input. The gradients they pass back are flushed to 0 below
/// <see cref="Subnormals.FlushBelow"/>, so that the products of the backward pass that read them
/// find no subnormal value there (slow on Intel cores; see <see cref="Subnormals"/>).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ActivationKernels
{
    private const float GeluScale = 0.7978845608028654f; // √(2/π)
    private const float GeluCubic = 0.044715f;

    /// <summary>max(0, x) in place; a NaN stays NaN, so a diverging step is still seen in the loss.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ReLU(Span<float> values)
    {
        // Clearing the lanes below zero is one compare and one and-not per vector: cheaper than
        // TensorPrimitives.Max, whose NaN handling costs more than the work at these sizes.
        ref float x = ref MemoryMarshal.GetReference(values);
        int i = 0;
        for (; i + Vector<float>.Count <= values.Length; i += Vector<float>.Count)
        {
            Vector<float> v = Vector.LoadUnsafe(ref x, (nuint)i);
            Vector.AndNot(v, Vector.LessThan(v, Vector<float>.Zero).As<int, float>()).StoreUnsafe(ref x, (nuint)i);
        }

        for (; i < values.Length; i++)
        {
            if (Unsafe.Add(ref x, i) < 0f)
            {
                Unsafe.Add(ref x, i) = 0f;
            }
        }
    }

    /// <summary>gradient ⊙= (output &gt; 0), flushed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ReLUBackward(ReadOnlySpan<float> outputs, Span<float> gradient)
    {
        int i = 0;
        ref float y = ref MemoryMarshal.GetReference(outputs);
        ref float g = ref MemoryMarshal.GetReference(gradient);
        CheckLengths(outputs, gradient);
        for (; i + Vector<float>.Count <= gradient.Length; i += Vector<float>.Count)
        {
            Vector<float> positive = Vector.GreaterThan(Vector.LoadUnsafe(ref y, (nuint)i), Vector<float>.Zero).As<int, float>();
            Subnormals.Flush(Vector.LoadUnsafe(ref g, (nuint)i) & positive).StoreUnsafe(ref g, (nuint)i);
        }

        for (; i < gradient.Length; i++)
        {
            ref float at = ref Unsafe.Add(ref g, i);
            at = Unsafe.Add(ref y, i) > 0f ? Subnormals.Flush(at) : 0f;
        }
    }

    /// <summary>x for x &gt; 0, else slope·x, in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void LeakyReLU(Span<float> values, float slope)
    {
        for (int i = 0; i < values.Length; i++)
        {
            float x = values[i];
            values[i] = x > 0f ? x : slope * x;
        }
    }

    /// <summary>gradient ⊙= (output &gt; 0 ? 1 : slope), flushed; the output's sign is the input's for a slope ≥ 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void LeakyReLUBackward(ReadOnlySpan<float> outputs, Span<float> gradient, float slope)
    {
        CheckLengths(outputs, gradient);
        for (int i = 0; i < gradient.Length; i++)
        {
            gradient[i] = Subnormals.Flush(outputs[i] > 0f ? gradient[i] : gradient[i] * slope);
        }
    }

    /// <summary>1 / (1 + e^−x) in place.</summary>
    public static void Sigmoid(Span<float> values) => TensorPrimitives.Sigmoid(values, values);

    /// <summary>gradient ⊙= y(1 − y), flushed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SigmoidBackward(ReadOnlySpan<float> outputs, Span<float> gradient)
    {
        CheckLengths(outputs, gradient);
        for (int i = 0; i < gradient.Length; i++)
        {
            float y = outputs[i];
            gradient[i] = Subnormals.Flush(gradient[i] * (y * (1f - y)));
        }
    }

    /// <summary>tanh(x) in place.</summary>
    public static void Tanh(Span<float> values) => TensorPrimitives.Tanh(values, values);

    /// <summary>gradient ⊙= 1 − y², flushed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void TanhBackward(ReadOnlySpan<float> outputs, Span<float> gradient)
    {
        CheckLengths(outputs, gradient);
        for (int i = 0; i < gradient.Length; i++)
        {
            float y = outputs[i];
            gradient[i] = Subnormals.Flush(gradient[i] * (1f - (y * y)));
        }
    }

    /// <summary>GELU, tanh approximation: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Gelu(ReadOnlySpan<float> inputs, Span<float> outputs)
    {
        CheckLengths(inputs, outputs);
        for (int i = 0; i < outputs.Length; i++)
        {
            float x = inputs[i];
            float t = MathF.Tanh(GeluScale * (x + (GeluCubic * x * x * x)));
            outputs[i] = 0.5f * x * (1f + t);
        }
    }

    /// <summary>gradient ⊙= GELU'(x), from the layer's input x, flushed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void GeluBackward(ReadOnlySpan<float> inputs, Span<float> gradient)
    {
        CheckLengths(inputs, gradient);
        for (int i = 0; i < gradient.Length; i++)
        {
            float x = inputs[i];
            float t = MathF.Tanh(GeluScale * (x + (GeluCubic * x * x * x)));
            float derivative = (0.5f * (1f + t)) + (0.5f * x * (1f - (t * t)) * GeluScale * (1f + (3f * GeluCubic * x * x)));
            gradient[i] = Subnormals.Flush(gradient[i] * derivative);
        }
    }

    private static void CheckLengths(ReadOnlySpan<float> source, Span<float> gradient)
    {
        if (source.Length < gradient.Length)
        {
            throw new ArgumentException($"The activation buffer holds {source.Length} floats; the gradient needs {gradient.Length}.");
        }
    }
}
