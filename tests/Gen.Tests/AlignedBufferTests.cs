using System;
using Gen.Kernels;
using Gen.Tests.Models;
using Xunit;

namespace Gen.Tests;

/// <summary>
/// Buffers start on a 64-byte cache line, so that the kernels' 512-bit loads of a row never split
/// across two lines: the runtime's buffer itself, and every buffer a generated model exposes.
/// </summary>
public sealed unsafe class AlignedBufferTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(101_770)]
    public void A_buffer_starts_on_a_cache_line_and_is_zeroed(int length)
    {
        // Many at once: a float[] lands on a 64-byte boundary by chance one time in eight or so.
        for (int copy = 0; copy < 16; copy++)
        {
            var buffer = new AlignedBuffer(length);

            Assert.Equal(length, buffer.Length);
            Assert.Equal(length, buffer.AsSpan().Length);
            Assert.True(buffer.AsSpan().IndexOfAnyExcept(0f) < 0);
            if (length > 0)
            {
                Assert.Equal(0, Misalignment(buffer)); // (an empty span's address is null: nothing to check)
            }
        }
    }

    [Fact]
    public void A_buffer_stays_aligned_after_a_compacting_collection()
    {
        var buffers = new AlignedBuffer[64];
        for (int i = 0; i < buffers.Length; i++)
        {
            _ = new float[1 + (i * 7)]; // garbage between them, so a compaction would have something to move
            buffers[i] = new AlignedBuffer(1 + (i * 13));
        }

        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);

        foreach (AlignedBuffer buffer in buffers)
        {
            Assert.Equal(0, Misalignment(buffer));
        }
    }

    [Fact]
    public void Spans_indexer_and_reference_see_the_same_floats()
    {
        var buffer = new AlignedBuffer(40);
        buffer.AsSpan(3, 2).Fill(2f);
        buffer[39] = 5f;
        Span<float> whole = buffer;
        ReadOnlySpan<float> readOnly = buffer;

        Assert.Equal([0f, 0f, 0f, 2f, 2f, 0f], whole.Slice(0, 6).ToArray());
        Assert.Equal(5f, readOnly[39]);
        Assert.Equal(5f, buffer.AsSpan(39)[0]);
        Assert.Equal(2f, System.Runtime.CompilerServices.Unsafe.Add(ref buffer.Reference, 3));
        Assert.Throws<IndexOutOfRangeException>(() => buffer[40]);
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.AsSpan(38, 3));
    }

    [Fact]
    public void A_negative_or_too_large_length_is_refused_with_its_value()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new AlignedBuffer(-1));
        Assert.Equal("length", error.ParamName);
        Assert.Equal(-1, error.ActualValue);

        // Too long for an array once the line of slack is added: refused before anything is allocated.
        error = Assert.Throws<ArgumentOutOfRangeException>(() => new AlignedBuffer(Array.MaxLength));
        Assert.Equal(Array.MaxLength, error.ActualValue);
        Assert.Contains("at most", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_generated_model_keeps_its_parameters_gradients_and_optimizer_state_aligned()
    {
        for (int copy = 0; copy < 8; copy++)
        {
            var model = new MnistNet();
            Assert.Equal(0, Misalignment(model.Parameters));
            Assert.Equal(0, Misalignment(model.Gradients));
            Assert.Equal(0, Misalignment(OptimizerState(model, 0)));
            Assert.Equal(0, Misalignment(OptimizerState(model, 1)));
            Assert.Equal(0, Misalignment(model.Clone().Parameters));
        }
    }

    [Fact]
    public void A_generated_model_keeps_its_batch_normalization_statistics_aligned()
    {
        for (int copy = 0; copy < 8; copy++)
        {
            var model = new BatchNormNet();
            Assert.False(model.Statistics.IsEmpty);
            Assert.Equal(0, Misalignment(model.Statistics));
        }
    }

    private static Span<float> OptimizerState<TModel>(TModel model, int index)
        where TModel : ITrainableModel<TModel> => model.OptimizerState(index);

    private static long Misalignment(ReadOnlySpan<float> span)
    {
        fixed (float* first = span)
        {
            return (long)first % AlignedBuffer.Alignment;
        }
    }
}
