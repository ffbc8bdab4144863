using System;
using System.Globalization;
using System.IO;
using Gen;
using Overfitting;

// Overfitting and its remedies, measured: the same network trained on 1,000 MNIST digits with and
// without L2, dropout and early stopping. The gap between training and test accuracy is how much
// the network memorized rather than learned; the remedies must shrink it.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string data = Path.Combine(AppContext.BaseDirectory, "data");
Dataset all = Dataset.LoadIdx(Path.Combine(data, "train-images-idx3-ubyte.gz"), Path.Combine(data, "train-labels-idx1-ubyte.gz"));
Dataset test = Dataset.LoadIdx(Path.Combine(data, "test-images-idx3-ubyte.gz"), Path.Combine(data, "test-labels-idx1-ubyte.gz"));
Dataset train = all.Shuffle(seed: 3).Take(1000);
Console.WriteLine($"Training on {train.Count:N0} digits, testing on {test.Count:N0}.");
Console.WriteLine();
Console.WriteLine("run               epochs  train acc  test acc     gap");

foreach (OverfittingResult result in OverfittingStudy.Run(train, test))
{
    Console.WriteLine($"{result.Name,-16} {result.Epochs,7}  {result.TrainAccuracy,9:P1}  {result.TestAccuracy,8:P1}  {result.Gap,6:P1}");
}

Console.WriteLine();
Console.WriteLine("gap = training accuracy − test accuracy: what the network memorized rather than learned.");
Console.WriteLine("Each remedy trades some fit on the training digits for a smaller gap.");
