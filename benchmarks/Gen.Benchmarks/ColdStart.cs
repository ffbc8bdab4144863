using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text.Json;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Gen.Benchmarks;

/// <summary>
/// The TorchSharp side of the cold-start comparison (benchmarks/cold-start.sh): what samples/Predict
/// does, with the same 784-128-10 model in TorchSharp-cpu. It reads the Predict sample's trained
/// weights (safetensors, PyTorch's nn.Linear layout), reads the Mnist sample's test digits with the
/// same loader as Gen's program (Gen's Dataset.LoadIdx), classifies the first digit and prints the
/// time since the process started in the lines samples/Predict prints. Run as
/// <c>Gen.Benchmarks --cold-start</c> from the benchmarks' build output (libLibTorchSharp.so is
/// patched there; see PatchLibTorchSharp.targets).
/// </summary>
public static class ColdStart
{
    /// <summary>Same as samples/Predict's ProcessClock: the launcher's clock (bash $EPOCHREALTIME) if given.</summary>
    private const string LaunchTimeVariable = "GEN_LAUNCH_TIME";

    public static int Run()
    {
        double entered = SinceStart(out _);
        string weights = Find(Path.Combine("samples", "Predict", "mnist-net.safetensors"));
        string data = Path.GetDirectoryName(Find(Path.Combine("samples", "Mnist", "data", "test-images-idx3-ubyte.gz")))!;

        // One thread, as in the benchmarks (Gen's prediction is single-threaded).
        torch.set_num_threads(1);
        torch.set_num_interop_threads(1);
        Linear fc1 = nn.Linear(784, 128);
        Linear fc2 = nn.Linear(128, 10);
        Sequential model = nn.Sequential(("fc1", fc1), ("relu", nn.ReLU()), ("fc2", fc2));
        model.eval();
        Dictionary<string, (long[] Shape, float[] Data)> tensors = ReadSafeTensors(weights);
        using (torch.no_grad())
        {
            foreach ((Linear layer, int index) in new[] { (fc1, 0), (fc2, 1) })
            {
                (long[] shape, float[] values) = tensors[$"layers.{index}.weight"];
                layer.weight!.copy_(torch.tensor(values, shape));
                (shape, values) = tensors[$"layers.{index}.bias"];
                layer.bias!.copy_(torch.tensor(values, shape));
            }
        }

        double loaded = SinceStart(out _);
        Dataset test = Dataset.LoadIdx(Path.Combine(data, "test-images-idx3-ubyte.gz"), Path.Combine(data, "test-labels-idx1-ubyte.gz"));
        double read = SinceStart(out _);
        int first;
        using (torch.no_grad())
        {
            using Tensor input = torch.tensor(test.GetFeatures(0).ToArray(), new long[] { 1, 784 });
            using Tensor logits = model.call(input);
            first = (int)logits.argmax(1).item<long>();
        }

        double milliseconds = SinceStart(out string clock);
        Console.WriteLine($"test digit 0: predicted {first}, labelled {test.GetLabel(0)}");
        Console.WriteLine($"time to first prediction: {milliseconds:F1} ms (process start per {clock})");
        Console.WriteLine($"  since start: Main entered {entered:F1} ms, weights loaded {loaded:F1} ms, {test.Count:N0} test digits read {read:F1} ms");
        Console.WriteLine($"code: TorchSharp {typeof(torch).Assembly.GetName().Version} (libtorch {torch.__version__}), {torch.get_num_threads()} thread");
        return first == test.GetLabel(0) ? 0 : 1;
    }

    /// <summary>Milliseconds since the process started (the launcher's clock, else /proc/self/stat, else Process.StartTime).</summary>
    private static double SinceStart(out string clock)
    {
        double now = (DateTime.UtcNow - DateTime.UnixEpoch).TotalSeconds;
        if (double.TryParse(Environment.GetEnvironmentVariable(LaunchTimeVariable), NumberStyles.Float, CultureInfo.InvariantCulture, out double launched))
        {
            clock = "launcher's clock";
            return (now - launched) * 1000;
        }

        if (File.Exists("/proc/self/stat") && File.Exists("/proc/uptime"))
        {
            string stat = File.ReadAllText("/proc/self/stat");
            string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            double started = long.Parse(fields[22 - 3], CultureInfo.InvariantCulture) / 100.0;
            double uptime = double.Parse(File.ReadAllText("/proc/uptime").Split(' ')[0], CultureInfo.InvariantCulture);
            clock = "/proc/self/stat, 10 ms resolution";
            return (uptime - started) * 1000;
        }

        using Process self = Process.GetCurrentProcess();
        clock = "Process.StartTime";
        return (DateTime.Now - self.StartTime).TotalMilliseconds;
    }

    /// <summary>A file of the repository, found from the program's folder upward.</summary>
    private static string Find(string relative)
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string path = Path.Combine(directory.FullName, relative);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException($"{relative} was not found above {AppContext.BaseDirectory}.");
    }

    /// <summary>The float32 tensors of a safetensors file: an 8-byte header length, a JSON header, the data.</summary>
    private static Dictionary<string, (long[] Shape, float[] Data)> ReadSafeTensors(string path)
    {
        byte[] file = File.ReadAllBytes(path);
        int headerLength = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(file));
        using JsonDocument header = JsonDocument.Parse(file.AsMemory(8, headerLength));
        var tensors = new Dictionary<string, (long[], float[])>();
        foreach (JsonProperty tensor in header.RootElement.EnumerateObject())
        {
            if (tensor.Name == "__metadata__")
            {
                continue;
            }

            var shape = new List<long>();
            foreach (JsonElement extent in tensor.Value.GetProperty("shape").EnumerateArray())
            {
                shape.Add(extent.GetInt64());
            }

            JsonElement offsets = tensor.Value.GetProperty("data_offsets");
            int begin = 8 + headerLength + offsets[0].GetInt32();
            int end = 8 + headerLength + offsets[1].GetInt32();
            var values = new float[(end - begin) / sizeof(float)];
            Buffer.BlockCopy(file, begin, values, 0, end - begin);
            tensors[tensor.Name] = (shape.ToArray(), values);
        }

        return tensors;
    }
}
