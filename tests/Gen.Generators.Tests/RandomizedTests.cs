using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Gen.Generators.Emit;
using Gen.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using Xunit.Abstractions;

namespace Gen.Generators.Tests;

/// <summary>
/// Thousands of random declarations (2,100 in 42 compilations), from a fixed seed: random attribute sets, orders and values
/// (NaN, infinities, negatives, zero, huge sizes, missing arguments, unknown enum values). The
/// generator never throws, never reports anything, produces code exactly for the declarations the
/// contract allows (judged here independently of the rules), and everything it produces compiles
/// without an error or a warning.
/// </summary>
public sealed class RandomizedTests
{
    private const int Batches = 40;
    private const int DeclarationsPerBatch = 50;
    private const int TechniqueBatches = 2;

    private readonly ITestOutputHelper _output;

    public RandomizedTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<int> BatchNumbers => new(Enumerable.Range(0, Batches));

    [Theory]
    [MemberData(nameof(BatchNumbers))]
    public void RandomDeclarationsNeverBreakTheGenerator(int batch) =>
        RunBatch(new Random(20261125 + batch), techniques: false, checkContract: true);

    /// <summary>
    /// The same, with the training techniques mixed in (Dropout and BatchNorm among the layers,
    /// L1, L2, gradient clipping, schedules, warm-up, plateau, early stopping, a validation split),
    /// with random values too. Only robustness is checked here: no exception, no report, the
    /// generator's output is the parser's and emitter's, and what is generated compiles.
    /// </summary>
    [Theory]
    [MemberData(nameof(TechniqueBatchNumbers))]
    public void RandomDeclarationsWithTechniquesNeverBreakTheGenerator(int batch) =>
        // The generator runs in a culture whose minus sign C# does not parse, to catch
        // culture-dependent formatting in the emitter.
        RunBatch(new Random(777 + batch), techniques: true, checkContract: false, generatorCulture: "sv-SE");

    public static TheoryData<int> TechniqueBatchNumbers => new(Enumerable.Range(0, TechniqueBatches));

    private void RunBatch(Random random, bool techniques, bool checkContract, string? generatorCulture = null)
    {
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            // The declarations are written in the invariant culture, the generator runs in the given one.
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            RunBatch(random, techniques, checkContract, generatorCulture is null ? saved : new CultureInfo(generatorCulture));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    private void RunBatch(Random random, bool techniques, bool checkContract, CultureInfo generatorCulture)
    {
        var declarations = Enumerable.Range(0, DeclarationsPerBatch)
            .Select(i => RandomDeclaration.Create(random, $"Model{i}", inGlobalNamespace: i == 0, techniques))
            .ToList();
        string source = "using Gen;\n\n" + string.Join("\n", declarations.Select(d => d.Source));

        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(source);
        var inputErrors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(inputErrors.Count == 0, "The random declarations themselves must compile:\n" + GeneratorHarness.Format(inputErrors));

        CultureInfo.CurrentCulture = generatorCulture;
        GeneratorRun run = GeneratorHarness.Run(compilation);
        Assert.Null(run.GeneratorResult.Exception);
        Assert.Empty(run.Diagnostics);

        var generated = run.Sources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());
        var types = InvalidDeclarationTests.DeclaredTypes(compilation).ToDictionary(t => t.ToDisplayString());
        int emitted = 0;
        foreach (RandomDeclaration declaration in declarations)
        {
            INamedTypeSymbol type = types[declaration.FullName];

            // The shared parser and the emitter, without the generator's catch-all: they must not throw.
            ModelDeclaration? read = ModelReader.Read(type, default);
            ModelSpec? spec = read is null ? null : ModelSpecBuilder.Build(read);
            string? expected = spec is null ? null : ModelEmitter.Emit(spec);

            generated.TryGetValue(declaration.HintName, out string? actual);
            Assert.True(expected == actual, $"The generator's output for {declaration.FullName} differs from the parser's and emitter's (a swallowed exception?):\n{declaration.Source}");

            // A model that gets no code is one the analyzers report with an error (they report
            // exactly what ModelRules finds): never a silent refusal.
            Assert.True(
                actual is not null || read is null || ModelRules.Check(read).Any(d => d.Severity == DiagnosticSeverity.Error),
                $"No code was generated for {declaration.FullName} and no analyzer error says why:\n{declaration.Source}");

            if (checkContract)
            {
                string? invalid = declaration.WhyInvalid();
                Assert.True(
                    invalid is null || actual is null,
                    $"Code was generated for {declaration.FullName}, which is invalid ({invalid}):\n{declaration.Source}");

                // And the converse: what the contract allows gets its code. When a new error rule is
                // meant to reject more, teach WhyInvalid the same rule.
                Assert.True(
                    invalid is not null || actual is not null,
                    $"No code was generated for {declaration.FullName}, though nothing in the contract rules it out:\n{declaration.Source}");
            }

            if (actual is not null)
            {
                emitted++;
            }
        }

        Assert.Equal(emitted, generated.Count);
        _output.WriteLine($"{emitted} of {declarations.Count} random declarations were generated.");

        // Enough of them are valid that the emitter is exercised, not only the rejection paths.
        Assert.True(emitted >= DeclarationsPerBatch / 10, $"Only {emitted} of {DeclarationsPerBatch} declarations were generated.");
        if (techniques)
        {
            foreach (string technique in new[] { "DropoutKernels.", "BatchNormKernels.", "RegularizationKernels.", "Schedule = new" })
            {
                int count = generated.Values.Count(code => code.Contains(technique, StringComparison.Ordinal));
                _output.WriteLine($"{count} generated with {technique}.");
                Assert.True(count > 0, $"No generated model has {technique}: the techniques are not exercised.");
            }
        }

        var problems = GeneratorHarness.ErrorsAndWarnings(run);
        Assert.True(problems.IsEmpty, GeneratorHarness.Format(problems.Take(20)));
    }

    /// <summary>One random model declaration and what it says, to judge it independently of the rules.</summary>
    private sealed class RandomDeclaration
    {
        private static readonly string[] Activations = { "Identity", "ReLU", "LeakyReLU", "Sigmoid", "Tanh", "GELU" };
        private static readonly string[] Losses = { "MeanSquaredError", "MeanAbsoluteError", "Huber", "BinaryCrossEntropy", "SoftmaxCrossEntropy" };
        private static readonly string[] Optimizers = { "Sgd", "Adam", "AdamW", "RmsProp", "AdaGrad" };

        // Values written as C# and the value they mean.
        private static readonly (string Text, int Value)[] Sizes =
        {
            ("0", 0), ("-1", -1), ("-100", -100), ("1", 1), ("2", 2), ("3", 3), ("7", 7), ("10", 10), ("16", 16),
            ("17", 17), ("64", 64), ("128", 128), ("1_000", 1000), ("4_096", 4096), ("100_000", 100_000),
            ("1 << 20", 1 << 20), ("int.MaxValue", int.MaxValue), ("int.MinValue", int.MinValue),
        };

        private static readonly (string Text, float Value)[] Floats =
        {
            ("0f", 0f), ("-0f", -0f), ("1f", 1f), ("-1f", -1f), ("0.5f", 0.5f), ("0.9f", 0.9f), ("0.99f", 0.99f),
            ("0.999f", 0.999f), ("0.99999994f", 0.99999994f), ("1e-3f", 1e-3f), ("3e-4f", 3e-4f), ("1e-8f", 1e-8f),
            ("10f", 10f), ("1e30f", 1e30f), ("float.NaN", float.NaN), ("float.PositiveInfinity", float.PositiveInfinity),
            ("float.NegativeInfinity", float.NegativeInfinity), ("float.Epsilon", float.Epsilon),
            ("float.MaxValue", float.MaxValue), ("float.MinValue", float.MinValue), ("0.1f", 0.1f), ("0.2f", 0.2f), ("2.5e-2f", 2.5e-2f),
        };

        private readonly List<string> _attributes = new();
        private int _tame = 1;

        public string Source { get; private set; } = "";
        public string FullName { get; private set; } = "";
        public string HintName { get; private set; } = "";

        private bool _hasModel;
        private bool _partial = true;
        private int _inputs;
        private readonly List<(int Units, int Activation, float? Slope)> _layers = new();
        private readonly List<(int Kind, float Delta)> _losses = new();
        private readonly List<(string Kind, Dictionary<string, float> Values)> _optimizers = new();
        private readonly List<(int BatchSize, int Epochs)> _trainings = new();

        public static RandomDeclaration Create(Random random, string name, bool inGlobalNamespace, bool techniques = false)
        {
            var d = new RandomDeclaration();
            d.Build(random, name, inGlobalNamespace, techniques);
            return d;
        }

        private static T Pick<T>(Random random, T[] values) => values[random.Next(values.Length)];

        private static string FloatText(float value) =>
            Floats.First(f => f.Value.Equals(value) && (f.Value != 0 || BitConverter.SingleToInt32Bits(f.Value) == BitConverter.SingleToInt32Bits(value))).Text;

        private (string Text, int Value) Size(Random random) =>
            random.Next(3 * _tame) == 0 ? Pick(random, Sizes) : Pick(random, Sizes.Where(s => s.Value is > 0 and <= 128).ToArray());

        private (string Text, float Value) Float(Random random, float typical) =>
            random.Next(3 * _tame) == 0 ? Pick(random, Floats) : (FloatText(typical), typical);

        private void Build(Random random, string name, bool inGlobalNamespace, bool techniques)
        {
            // With the techniques, the base declaration goes wrong less often, so that enough
            // declarations are valid for the techniques' code to be generated and compiled.
            _tame = techniques ? 4 : 1;

            // [Model]: almost always present; Inputs sometimes missing.
            _hasModel = random.Next(20 * _tame) != 0;
            if (_hasModel)
            {
                var arguments = new List<string>();
                if (random.Next(10 * _tame) != 0)
                {
                    (string text, int value) = Size(random);
                    arguments.Add($"Inputs = {text}");
                    _inputs = value;
                }

                if (random.Next(2) == 0)
                {
                    arguments.Add($"Seed = {Pick(random, new[] { "0", "1", "-7", "42", "int.MaxValue", "int.MinValue" })}");
                }

                Shuffle(random, arguments);
                _attributes.Add(arguments.Count == 0 ? Pick(random, new[] { "Model", "Model()", "ModelAttribute" }) : $"Model({string.Join(", ", arguments)})");
            }

            // Layers, in order: usually one to three.
            int layerCount = random.Next(10 * _tame) == 0 ? 0 : 1 + random.Next(random.Next(6) == 0 ? 5 : 3);
            var layerAttributes = new List<string>();
            for (int i = 0; i < layerCount; i++)
            {
                (string unitsText, int units) = Size(random);
                int activation = 0;
                string text = random.Next(4) == 0 ? $"units: {unitsText}" : unitsText;
                switch (random.Next(12 * _tame))
                {
                    case 0:
                        break; // default Identity
                    case 1:
                        activation = Pick(random, new[] { 42, -1, 6 });
                        text += $", (Activation)({activation})";
                        break;
                    default:
                        activation = random.Next(Activations.Length);
                        text += random.Next(5) == 0 ? $", activation: Activation.{Activations[activation]}" : $", Activation.{Activations[activation]}";
                        break;
                }

                float? slope = null;
                if (random.Next(4) == 0)
                {
                    (string slopeText, float value) = Float(random, 0.2f);
                    text += $", NegativeSlope = {slopeText}";
                    slope = value;
                }

                _layers.Add((units, activation, slope));
                layerAttributes.Add(Pick(random, new[] { "Dense", "Gen.Dense", "DenseAttribute" }) + $"({text})");
            }

            // Losses: usually one.
            int lossCount = random.Next(12 * _tame) == 0 ? random.Next(3) * (random.Next(2) == 0 ? 0 : 1) : 1;
            for (int i = 0; i < lossCount; i++)
            {
                int kind = random.Next(15 * _tame) == 0 ? 7 : random.Next(Losses.Length);
                string text = kind < Losses.Length ? $"LossKind.{Losses[kind]}" : $"(LossKind){kind}";
                float delta = 1f;
                if (random.Next(3) == 0)
                {
                    (string deltaText, delta) = Float(random, 0.5f);
                    text += $", Delta = {deltaText}";
                }

                _losses.Add((kind, delta));
                _attributes.Add($"Loss({text})");
            }

            // Optimizers: usually one, with a random subset of its settings.
            int optimizerCount = random.Next(12 * _tame) == 0 ? random.Next(3) : 1;
            for (int i = 0; i < optimizerCount; i++)
            {
                string kind = Pick(random, Optimizers);
                var values = new Dictionary<string, float>();
                var arguments = new List<string>();
                foreach ((string property, float typical) in Properties(kind))
                {
                    if (random.Next(3) != 0)
                    {
                        continue;
                    }

                    (string text, float value) = Float(random, typical);
                    values[property] = value;
                    arguments.Add($"{property} = {text}");
                }

                if (kind == "Sgd" && random.Next(3) == 0)
                {
                    arguments.Add($"Nesterov = {(random.Next(2) == 0 ? "true" : "false")}");
                }

                Shuffle(random, arguments);
                _optimizers.Add((kind, values));
                _attributes.Add(arguments.Count == 0 && random.Next(2) == 0 ? kind : $"{kind}({string.Join(", ", arguments)})");
            }

            // [Training]: optional, sometimes twice.
            int trainingCount = random.Next(3) == 0 ? 0 : random.Next(15 * _tame) == 0 ? 2 : 1;
            for (int i = 0; i < trainingCount; i++)
            {
                var arguments = new List<string>();
                int batchSize = Defaults.BatchSize, epochs = Defaults.Epochs;
                if (random.Next(2) == 0)
                {
                    (string text, batchSize) = Size(random);
                    arguments.Add($"BatchSize = {text}");
                }

                if (random.Next(2) == 0)
                {
                    (string text, epochs) = Size(random);
                    arguments.Add($"Epochs = {text}");
                }

                if (techniques && random.Next(3) == 0)
                {
                    arguments.Add($"ValidationFraction = {Float(random, 0.1f).Text}");
                }

                _trainings.Add((batchSize, epochs));
                _attributes.Add(arguments.Count == 0 ? "Training" : $"Training({string.Join(", ", arguments)})");
            }

            if (techniques)
            {
                AddTechniques(random, layerAttributes);
            }

            // Any order, the layers keeping theirs among themselves; sometimes several per list.
            Shuffle(random, _attributes);
            int at = 0;
            foreach (string layer in layerAttributes)
            {
                at = random.Next(at, _attributes.Count + 1);
                _attributes.Insert(at, layer);
                at++;
            }

            var lists = new StringBuilder();
            for (int i = 0; i < _attributes.Count;)
            {
                int take = random.Next(5) == 0 ? 1 + random.Next(3) : 1;
                lists.Append('[').Append(string.Join(", ", _attributes.Skip(i).Take(take))).Append("]\n");
                i += take;
            }

            // The class: usually a plain partial class; sometimes nested, sealed, not partial or static.
            string modifiers = random.Next(8 * _tame) switch
            {
                0 => "internal sealed partial",
                1 => "partial",
                2 => "public abstract partial",
                3 when random.Next(2) == 0 => "public",
                4 when random.Next(2) == 0 => "public static partial",
                _ => "public partial",
            };
            _partial = modifiers.EndsWith("partial", StringComparison.Ordinal) && !modifiers.Contains("static", StringComparison.Ordinal);
            string body = random.Next(2) == 0 ? ";" : " { }";
            string declaration = $"{lists}{modifiers} class {name}{body}";

            string ns = inGlobalNamespace ? "" : $"Fuzz.N{random.Next(3)}";
            string? outer = !inGlobalNamespace && random.Next(5) == 0 ? Pick(random, new[] { "partial class", "static partial class", "partial record", "partial struct" }) : null;
            string outerName = "Outer" + name;
            if (outer is not null)
            {
                declaration = $"public {outer} {outerName}\n{{\n{declaration}\n}}";
            }

            Source = ns.Length == 0 ? declaration + "\n" : $"namespace {ns}\n{{\n{declaration}\n}}\n";
            string prefix = (ns.Length == 0 ? "" : ns + ".") + (outer is null ? "" : outerName + ".");
            FullName = prefix + name;
            HintName = FullName + ".g.cs";
        }

        /// <summary>
        /// Dropout and BatchNorm after the hidden Dense layers (now and then anywhere), and the other
        /// techniques, each at random, mostly once and with usual values, sometimes not.
        /// </summary>
        private void AddTechniques(Random random, List<string> layers)
        {
            string F(float typical) => Float(random, typical).Text;
            string I(int typical) => random.Next(3 * _tame) == 0 ? Size(random).Text : typical.ToString(CultureInfo.InvariantCulture);
            string Args(params (string Name, string Value)[] arguments)
            {
                var written = arguments.Where(_ => random.Next(2) == 0).Select(a => $"{a.Name} = {a.Value}").ToList();
                return written.Count == 0 ? "" : $"({string.Join(", ", written)})";
            }

            string Dropout() => $"Dropout({F(0.2f)})";
            string BatchNorm() => "BatchNorm" + Args(("Momentum", F(0.1f)), ("Epsilon", F(1e-8f)));

            var sequence = new List<string>();
            for (int i = 0; i < layers.Count; i++)
            {
                sequence.Add(layers[i]);
                if (i < layers.Count - 1)
                {
                    if (random.Next(3) == 0)
                    {
                        sequence.Add(BatchNorm());
                    }

                    if (random.Next(3) == 0)
                    {
                        sequence.Add(Dropout());
                    }
                }
            }

            if (random.Next(10) == 0)
            {
                sequence.Insert(random.Next(sequence.Count + 1), random.Next(2) == 0 ? Dropout() : BatchNorm());
            }

            layers.Clear();
            layers.AddRange(sequence);

            string[] schedules =
            {
                "StepDecay" + Args(("StepEpochs", I(3)), ("Gamma", F(0.5f))),
                "ExponentialDecay" + Args(("Gamma", F(0.9f))),
                "LinearDecay" + Args(("Epochs", I(10)), ("EndFactor", F(0.1f))),
                "CosineDecay" + Args(("Epochs", I(10)), ("MinLearningRate", F(1e-3f))),
            };
            var candidates = new List<string>
            {
                $"L1({F(1e-3f)})",
                $"L2({F(1e-3f)})",
                $"ClipGradientNorm({F(1f)})",
                Pick(random, schedules),
                random.Next(4 * _tame) == 0
                    ? "Warmup" + Args(("Epochs", I(1)), ("Steps", I(100)))
                    : random.Next(2) == 0 ? $"Warmup(Epochs = {I(1)})" : $"Warmup(Steps = {I(100)})",
                "ReduceOnPlateau" + Args(("Factor", F(0.5f)), ("Patience", I(2))),
                "EarlyStopping" + Args(
                    ("Patience", I(3)),
                    ("MinDelta", F(1e-3f)),
                    ("Monitor", random.Next(4 * _tame) == 0 ? "(Metric)9" : random.Next(3) == 0 ? "Metric.ValidationAccuracy" : "Metric.ValidationLoss"),
                    ("RestoreBestWeights", random.Next(2) == 0 ? "true" : "false")),
            };
            if (random.Next(8) == 0)
            {
                candidates.Add(Pick(random, schedules)); // a second schedule
            }

            foreach (string technique in candidates)
            {
                int uses = random.Next(12) switch { 0 or 1 or 2 or 3 => 1, 4 => 2, _ => 0 };
                for (int i = 0; i < uses; i++)
                {
                    _attributes.Add(technique);
                }
            }
        }

        private static IEnumerable<(string Property, float Typical)> Properties(string optimizer) => optimizer switch
        {
            "Sgd" => new[] { ("LearningRate", 0.1f), ("Momentum", 0.9f) },
            "Adam" => new[] { ("LearningRate", 1e-3f), ("Beta1", 0.9f), ("Beta2", 0.999f), ("Epsilon", 1e-8f) },
            "AdamW" => new[] { ("LearningRate", 1e-3f), ("Beta1", 0.9f), ("Beta2", 0.999f), ("Epsilon", 1e-8f), ("WeightDecay", 0.1f) },
            "RmsProp" => new[] { ("LearningRate", 1e-3f), ("Alpha", 0.99f), ("Epsilon", 1e-8f), ("Momentum", 0.9f) },
            _ => new[] { ("LearningRate", 0.1f), ("Epsilon", 1e-8f) },
        };

        private static void Shuffle<T>(Random random, List<T> items)
        {
            for (int i = items.Count - 1; i > 0; i--)
            {
                int j = random.Next(i + 1);
                (items[i], items[j]) = (items[j], items[i]);
            }
        }

        private static bool PositiveFinite(float value) => value > 0 && float.IsFinite(value);

        private static bool Coefficient(float value) => value >= 0 && value < 1;

        /// <summary>
        /// Why the declaration is invalid, judged from the documented contract without the
        /// generator's rules; null when nothing here rules it out.
        /// </summary>
        public string? WhyInvalid()
        {
            if (!_hasModel) return "no [Model]";
            if (!_partial) return "not a partial class";
            if (_inputs <= 0) return "Inputs ≤ 0";
            if (_layers.Count == 0) return "no layer";
            if (_losses.Count != 1) return $"{_losses.Count} losses";
            if (_optimizers.Count != 1) return $"{_optimizers.Count} optimizers";
            if (_trainings.Count > 1) return "two [Training]";
            if (_layers.Any(l => l.Units <= 0)) return "units ≤ 0";
            if (_layers.Any(l => l.Activation is < 0 or > 5)) return "unknown activation";
            if (_layers.Any(l => l.Activation == 2 && l.Slope is float s && !(s >= 0 && float.IsFinite(s)))) return "bad LeakyReLU slope";
            (int kind, float delta) = _losses[0];
            if (kind is < 0 or > 4) return "unknown loss";
            if (kind == 2 && !PositiveFinite(delta)) return "bad Huber delta";
            if (kind == 4 && _layers[^1].Units < 2) return "softmax with one output";

            (string optimizer, Dictionary<string, float> values) = _optimizers[0];
            float Get(string property, float fallback) => values.TryGetValue(property, out float v) ? v : fallback;
            if (!PositiveFinite(Get("LearningRate", 0.01f))) return "bad learning rate";
            switch (optimizer)
            {
                case "Sgd":
                    if (!Coefficient(Get("Momentum", 0f))) return "bad momentum";
                    break;
                case "Adam":
                case "AdamW":
                    if (!Coefficient(Get("Beta1", 0.9f)) || !Coefficient(Get("Beta2", 0.999f))) return "bad beta";
                    if (!PositiveFinite(Get("Epsilon", 1e-8f))) return "bad epsilon";
                    if (optimizer == "AdamW" && !(Get("WeightDecay", 0.01f) is float wd && wd >= 0 && float.IsFinite(wd))) return "bad weight decay";
                    break;
                case "RmsProp":
                    if (!Coefficient(Get("Alpha", 0.99f)) || !Coefficient(Get("Momentum", 0f))) return "bad alpha or momentum";
                    if (!PositiveFinite(Get("Epsilon", 1e-8f))) return "bad epsilon";
                    break;
                default:
                    if (!PositiveFinite(Get("Epsilon", 1e-10f))) return "bad epsilon";
                    break;
            }

            (int batchSize, int epochs) = _trainings.Count == 0 ? (Defaults.BatchSize, Defaults.Epochs) : _trainings[0];
            if (batchSize <= 0) return "batch size ≤ 0";
            if (epochs <= 0) return "epochs ≤ 0";

            long parameters = 0, widest = _inputs, fanIn = _inputs;
            foreach ((int units, _, _) in _layers)
            {
                parameters += (fanIn * units) + units;
                widest = Math.Max(widest, units);
                fanIn = units;
            }

            if (parameters > Limits.MaxParameters) return "too many parameters";
            if (widest * batchSize > Limits.MaxActivations) return "too many activations";
            return null;
        }
    }
}
