using System;
using System.Runtime.InteropServices;
using System.Threading;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Gen.Benchmarks;

/// <summary>
/// The peer: the same model in TorchSharp-cpu (libtorch), nn.Linear → ReLU → nn.Linear,
/// cross_entropy, torch.optim.Adam(lr = 1e-3), on one thread (<see cref="UseOneThread"/>).
/// Written the way a TorchSharp user would, and given every advantage that keeps it honest:
/// the prediction inputs and the training set live in tensors made once (a training batch is
/// an index_select inside libtorch), and each step's temporaries are freed by a dispose scope.
/// </summary>
public sealed class TorchMlp : IMlp
{
    private const int Inputs = 784;
    private const int Classes = 10;

    private readonly int _hidden;
    private readonly Linear _fc1;
    private readonly Linear _fc2;
    private readonly Sequential _model;
    private readonly optim.Optimizer _optimizer;

    static TorchMlp()
    {
        FlushSubnormals();
        UseOneThread();
    }

    /// <summary>A model with <paramref name="hidden"/> units starting from <paramref name="initial"/> (Gen's layout).</summary>
    public TorchMlp(int hidden, float[] initial)
    {
        ArgumentNullException.ThrowIfNull(initial);
        _hidden = hidden;
        _fc1 = nn.Linear(Inputs, hidden);
        _fc2 = nn.Linear(hidden, Classes);
        _model = nn.Sequential(("fc1", _fc1), ("relu", nn.ReLU()), ("fc2", _fc2));
        SetParameters(initial);
        _optimizer = optim.Adam(_model.parameters(), lr: 1e-3);
    }

    /// <summary>Limits libtorch to one thread for its operators and one for inter-op work.</summary>
    public static void UseOneThread()
    {
        torch.set_num_threads(1);
        torch.set_num_interop_threads(1);
    }

    /// <summary>
    /// Flush-to-zero and denormals-are-zero on this thread, as PyTorch's <c>torch.set_flush_denormal(True)</c>
    /// sets them (TorchSharp does not expose it). Gen keeps its own values out of float's subnormal range,
    /// where Intel cores take a microcode assist per operation; libtorch gets the processor's own means to
    /// the same end, so that the comparison measures kernels, not assists. It is set before libtorch starts
    /// a thread, and on Linux a thread starts with its creator's floating-point control register.
    /// </summary>
    public static void FlushSubnormals()
    {
        // The symbol below is named by the Itanium C++ ABI, which libtorch uses on Linux (where the
        // README's figures come from) and macOS; elsewhere libtorch keeps its default.
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        // Half the smallest normal float is subnormal, and 0 once the mode is on: read from a field, so
        // that the JIT cannot fold the product.
        if (!SetFlushDenormal(true) || Volatile.Read(ref s_smallestNormal) * 0.5f != 0f)
        {
            throw new PlatformNotSupportedException("libtorch could not set flush-to-zero on this processor.");
        }
    }

    private static float s_smallestNormal = 1.17549435E-38f;

    // The static at::Context::setFlushDenormal(bool) of libtorch_cpu, which TorchSharp has loaded:
    // what torch.set_flush_denormal calls.
    [DllImport("libtorch_cpu", EntryPoint = "_ZN2at7Context16setFlushDenormalEb")]
    [return: MarshalAs(UnmanagedType.U1)]
    private static extern bool SetFlushDenormal([MarshalAs(UnmanagedType.U1)] bool on);

    /// <summary>A tensor of the given rows of features, for <see cref="TrainStep(Tensor, Tensor)"/> and <see cref="Predict(Tensor, Span{float})"/>.</summary>
    public static Tensor Features(ReadOnlySpan<float> features) =>
        torch.tensor(features.ToArray(), new long[] { features.Length / Inputs, Inputs });

    /// <summary>A tensor of class labels (int64, as cross_entropy takes them).</summary>
    public static Tensor Labels(ReadOnlySpan<int> labels)
    {
        var values = new long[labels.Length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = labels[i];
        }

        return torch.tensor(values);
    }

    /// <summary>One training step on tensors already in libtorch: zero_grad, forward, loss, backward, step.</summary>
    public float TrainStep(Tensor inputs, Tensor labels)
    {
        using DisposeScope scope = torch.NewDisposeScope();
        _optimizer.zero_grad();
        Tensor loss = nn.functional.cross_entropy(_model.call(inputs), labels);
        loss.backward();
        _optimizer.step();
        return loss.item<float>();
    }

    /// <inheritdoc/>
    public float TrainStep(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels)
    {
        using DisposeScope scope = torch.NewDisposeScope();
        return TrainStep(Features(inputs), Labels(labels));
    }

    /// <summary>Forward, loss and backward on tensors, leaving the gradients for <see cref="ApplyGradients"/>.</summary>
    public float ComputeGradients(Tensor inputs, Tensor labels)
    {
        using DisposeScope scope = torch.NewDisposeScope();
        _optimizer.zero_grad();
        Tensor loss = nn.functional.cross_entropy(_model.call(inputs), labels);
        loss.backward();
        return loss.item<float>();
    }

    /// <inheritdoc/>
    public float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels)
    {
        using DisposeScope scope = torch.NewDisposeScope();
        return ComputeGradients(Features(inputs), Labels(labels));
    }

    /// <inheritdoc/>
    public void ApplyGradients()
    {
        using DisposeScope scope = torch.NewDisposeScope();
        _optimizer.step();
    }

    /// <summary>Softmax probabilities of a tensor of samples, copied to <paramref name="outputs"/>.</summary>
    public void Predict(Tensor inputs, Span<float> outputs)
    {
        using DisposeScope scope = torch.NewDisposeScope();
        using IDisposable noGrad = torch.no_grad();
        Tensor probabilities = nn.functional.softmax(_model.call(inputs), 1);
        probabilities.data<float>().CopyTo(outputs);
    }

    /// <inheritdoc/>
    public void Predict(ReadOnlySpan<float> inputs, Span<float> outputs)
    {
        using DisposeScope scope = torch.NewDisposeScope();
        Predict(Features(inputs), outputs);
    }

    /// <inheritdoc/>
    public float[] CopyParameters()
    {
        using DisposeScope scope = torch.NewDisposeScope();
        var parameters = new float[(Inputs * _hidden) + _hidden + (_hidden * Classes) + Classes];
        int at = 0;
        foreach (Linear layer in new[] { _fc1, _fc2 })
        {
            // nn.Linear keeps W as [out × in]; Gen's layout is [in × out].
            float[] weights = layer.weight!.t().contiguous().data<float>().ToArray();
            weights.CopyTo(parameters, at);
            at += weights.Length;
            float[] biases = layer.bias!.data<float>().ToArray();
            biases.CopyTo(parameters, at);
            at += biases.Length;
        }

        return parameters;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _optimizer.Dispose();
        _model.Dispose();
    }

    private void SetParameters(float[] parameters)
    {
        using DisposeScope scope = torch.NewDisposeScope();
        using IDisposable noGrad = torch.no_grad();
        int at = 0;
        foreach ((Linear layer, int inputs, int units) in new[] { (_fc1, Inputs, _hidden), (_fc2, _hidden, Classes) })
        {
            Tensor weights = torch.tensor(parameters.AsSpan(at, inputs * units).ToArray(), new long[] { inputs, units });
            layer.weight!.copy_(weights.t());
            at += inputs * units;
            layer.bias!.copy_(torch.tensor(parameters.AsSpan(at, units).ToArray()));
            at += units;
        }
    }
}
