using System;
using System.Globalization;
using System.IO;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Gen;
using Mnist;
using Predict;

// Serves predictions as a freshly started process does: loads trained weights into the README's
// 784-128-10 MnistNet, classifies real test digits from the Mnist sample's data, and reports the
// time from process start to the first prediction.
//   dotnet run --project samples/Predict -c Release
//   dotnet publish samples/Predict -c Release -r linux-x64 -p:PublishAot=true    (a native binary)
// Options: --weights <file> (default: mnist-net.safetensors beside the program);
//          --train <file> trains with the Mnist sample's recipe and saves the weights there
//          (how the shipped mnist-net.safetensors was made).
double entered = ProcessClock.SinceStart().Milliseconds;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string data = Path.Combine(AppContext.BaseDirectory, "data");
string weights = Path.Combine(AppContext.BaseDirectory, "mnist-net.safetensors");
for (int i = 0; i + 1 < args.Length; i++)
{
    if (args[i] == "--weights")
    {
        weights = args[i + 1];
    }
    else if (args[i] == "--train")
    {
        Dataset train = Dataset.LoadIdx(Path.Combine(data, "train-images-idx3-ubyte.gz"), Path.Combine(data, "train-labels-idx1-ubyte.gz"));
        var trained = new MnistNet();
        trained.Fit(train);
        trained.Save(args[i + 1]);
        Console.WriteLine($"trained on {train.Count:N0} digits for {MnistNet.Epochs} epochs; weights saved to {args[i + 1]}");
        return 0;
    }
}

// The cold path: weights, the digits, one prediction. Nothing is printed before it is timed.
var model = new MnistNet();
model.Load(weights);
double loaded = ProcessClock.SinceStart().Milliseconds;
Dataset test = Dataset.LoadIdx(Path.Combine(data, "test-images-idx3-ubyte.gz"), Path.Combine(data, "test-labels-idx1-ubyte.gz"));
double read = ProcessClock.SinceStart().Milliseconds;
int first = model.Classify(test.GetFeatures(0));
(double milliseconds, string clock) = ProcessClock.SinceStart();

Console.WriteLine($"test digit 0: predicted {first}, labelled {test.GetLabel(0)}");
Console.WriteLine($"time to first prediction: {milliseconds:F1} ms (process start per {clock})");
Console.WriteLine($"  since start: Main entered {entered:F1} ms, weights loaded {loaded:F1} ms, {test.Count:N0} test digits read {read:F1} ms");
Console.Write("test digits 1-9: predicted");
for (int i = 1; i < 10; i++)
{
    Console.Write($" {model.Classify(test.GetFeatures(i))}");
}

Console.Write(", labelled");
for (int i = 1; i < 10; i++)
{
    Console.Write($" {test.GetLabel(i)}");
}

Console.WriteLine();
Evaluation evaluation = model.Evaluate(test);
Console.WriteLine($"test accuracy: {evaluation.Accuracy:P2} on {test.Count:N0} digits");
Console.WriteLine($"code: {(RuntimeFeature.IsDynamicCodeSupported ? "JIT" : "NativeAOT")}, Vector512.IsHardwareAccelerated = {Vector512.IsHardwareAccelerated}, Vector256.IsHardwareAccelerated = {Vector256.IsHardwareAccelerated}");
return 0;
