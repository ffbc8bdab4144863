using System;
using System.Globalization;
using System.IO;
using Gen;
using Mnist;

// Trains the README's model on the project's copy of MNIST (7,996 training and 2,004 test digits)
// and reports test accuracy and training speed.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string data = Path.Combine(AppContext.BaseDirectory, "data");
Dataset train = Dataset.LoadIdx(Path.Combine(data, "train-images-idx3-ubyte.gz"), Path.Combine(data, "train-labels-idx1-ubyte.gz"));
Dataset test = Dataset.LoadIdx(Path.Combine(data, "test-images-idx3-ubyte.gz"), Path.Combine(data, "test-labels-idx1-ubyte.gz"));
Console.WriteLine($"MNIST: {train.Count:N0} training digits, {test.Count:N0} test digits");
Console.WriteLine($"Model: 784 → Dense 128 (ReLU) → Dense 10, softmax cross-entropy, Adam, batch {MnistNet.BatchSize}, {MnistNet.Epochs} epochs");

// The first layer's inputs are split across the machine's cores (TrainingThreads; 1 by default).
var model = new MnistNet { TrainingThreads = Math.Clamp(Environment.ProcessorCount, 1, 64) };
TrainingHistory history = model.Fit(train, validation: test, progress: new ConsoleProgress());

Evaluation result = model.Evaluate(test);
double perEpoch = history.TrainingSeconds / history.Epochs.Count;
Console.WriteLine();
Console.WriteLine($"test accuracy: {result.Accuracy:P2} ({result.Accuracy:F4}), test loss {result.Loss:F4}");
Console.WriteLine($"training time: {perEpoch * 1000:F1} ms per epoch, {train.Count / perEpoch:N0} samples/s ({model.TrainingThreads} training threads)");
string csv = Path.Combine(AppContext.BaseDirectory, "mnist-history.csv");
string plot = Path.Combine(AppContext.BaseDirectory, "mnist-learning-curves.png");
history.SaveCsv(csv);
history.SavePlot(plot);
Console.WriteLine($"learning curves: {plot}");
Console.WriteLine($"epoch history:   {csv}");
int first = model.Classify(test.GetFeatures(0));
Console.WriteLine($"first test digit: predicted {first}, labelled {test.GetLabel(0)}");
