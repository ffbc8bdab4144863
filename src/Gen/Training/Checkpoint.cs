using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using Gen.Persistence;

namespace Gen;

/// <summary>
/// Checkpoints written by <c>Fit</c> (see <see cref="CheckpointOptions"/>): a safetensors file with
/// the tensors of <see cref="ModelFile"/> (<c>layers.{i}.weight</c>, ...), the optimizer's state as
/// <c>optimizer.{name}</c> (<c>optimizer.adam.exp_avg</c>, ...) and, with early stopping's
/// <c>RestoreBestWeights</c>, the best weights so far as <c>trainer.best.parameters</c> and
/// <c>trainer.best.statistics</c>; the epoch, step counts, learning rate, plateau and
/// early-stopping state and the history are in the header's metadata (<c>gen.*</c>).
/// </summary>
public static class Checkpoint
{
    /// <summary>The version of the checkpoint layout, in the metadata as <c>gen.checkpoint</c>.</summary>
    internal const string Version = "1";

    /// <summary>
    /// Loads the weights, batch-normalization statistics, optimizer state and step count of a
    /// checkpoint into <paramref name="model"/>, without resuming training (for example the best
    /// epoch's weights, to predict with). Everything is checked before the model is touched: on any
    /// error the model is unchanged and an <see cref="InvalidDataException"/> says what and where.
    /// The learning rate is not changed.
    /// </summary>
    /// <returns>The epoch (from 1) after which the checkpoint was written.</returns>
    /// <exception cref="InvalidDataException">The file is not a checkpoint of this architecture and optimizer.</exception>
    public static int Load<TModel>(TModel model, string path)
        where TModel : ITrainableModel<TModel>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
        TrainerState state = Read<TModel>(path, model.Parameters.Length, model.Statistics.Length);
        Apply(model, state);
        return state.Epoch;
    }

    /// <summary>Writes <paramref name="state"/> and the model's weights and optimizer state to <paramref name="path"/> atomically.</summary>
    internal static void Write<TModel>(string path, TModel model, TrainerState state)
        where TModel : ITrainableModel<TModel>
    {
        List<SafeTensorsFile.Tensor> tensors = ModelFile.Tensors(model);
        ReadOnlySpan<string> names = TModel.OptimizerStates;
        for (int i = 0; i < names.Length; i++)
        {
            tensors.Add(new("optimizer." + names[i], [model.Parameters.Length], model.OptimizerState(i).ToArray()));
        }

        if (state.BestParameters is { } parameters)
        {
            tensors.Add(new(BestParameters, [parameters.Length], parameters));
            if (state.BestStatistics is { Length: > 0 } statistics)
            {
                tensors.Add(new(BestStatistics, [statistics.Length], statistics));
            }
        }

        Dictionary<string, string> metadata = ModelFile.Metadata<TModel>();
        metadata["gen.checkpoint"] = Version;
        metadata["gen.optimizer_states"] = string.Join(',', names.ToArray());
        metadata["gen.epoch"] = Text(state.Epoch);
        metadata["gen.epochs"] = Text(TModel.Epochs);
        metadata["gen.step"] = Text(state.Step);
        metadata["gen.step_count"] = Text(model.StepCount);
        metadata["gen.learning_rate"] = state.LearningRate.ToString("R", CultureInfo.InvariantCulture);
        metadata["gen.samples"] = Text(state.Samples);
        metadata["gen.validation_samples"] = Text(state.ValidationSamples);
        metadata["gen.stopped"] = state.Stopped ? "true" : "false";
        metadata["gen.plateau"] = Join(Text(state.Plateau.Best), Text(state.Plateau.BadEpochs), Text(state.Plateau.Scale), Text(state.Plateau.Reductions));
        if (state.Stopper is { } stopper)
        {
            metadata["gen.early_stopping"] = Join(Text(stopper.Best), Text(stopper.BestEpoch), Text(stopper.Wait));
        }

        metadata["gen.best_checkpoint"] = Join(Text(state.BestCheckpoint.Value), Text(state.BestCheckpoint.Epoch));
        metadata["gen.history"] = History(state.History);
        SafeTensorsFile.Write(path, tensors, metadata);
    }

    /// <summary>Reads and checks a whole checkpoint for <typeparamref name="TModel"/>; touches no model.</summary>
    internal static TrainerState Read<TModel>(string path, int parameterCount, int statisticsCount)
        where TModel : ITrainableModel<TModel>
    {
        Dictionary<string, int[]> expected = ModelFile.Expected<TModel>();
        foreach (string name in TModel.OptimizerStates)
        {
            expected["optimizer." + name] = [parameterCount];
        }

        var optional = new HashSet<string>(StringComparer.Ordinal) { BestParameters };
        expected[BestParameters] = [parameterCount];
        if (statisticsCount > 0)
        {
            expected[BestStatistics] = [statisticsCount];
            optional.Add(BestStatistics);
        }

        // What the file is, from its metadata, before its tensors are checked against this model.
        var reader = new MetadataReader(path, SafeTensorsFile.ReadMetadata(path));
        if (!reader.Metadata.TryGetValue("gen.checkpoint", out string? version))
        {
            throw new InvalidDataException($"'{path}' is a model file without training state, not a checkpoint; load its weights with Load, or resume from a file Fit wrote with CheckpointOptions.");
        }

        if (version != Version)
        {
            throw new InvalidDataException($"'{path}' is a checkpoint of layout version '{version}'; this version of Gen reads version {Version}.");
        }

        string architecture = ModelFile.Architecture<TModel>();
        string saved = reader.Get("gen.architecture");
        if (saved != architecture)
        {
            throw new InvalidDataException($"'{path}' is a checkpoint of architecture '{saved}', but {typeof(TModel).Name} is '{architecture}'.");
        }

        string states = string.Join(',', TModel.OptimizerStates.ToArray());
        string savedStates = reader.Get("gen.optimizer_states");
        if (savedStates != states)
        {
            throw new InvalidDataException($"'{path}' holds the optimizer state [{savedStates}], but {typeof(TModel).Name}'s optimizer keeps [{states}].");
        }

        (Dictionary<string, float[]> tensors, Dictionary<string, string> metadata) = SafeTensorsFile.Read(path, expected, optional);
        reader = new MetadataReader(path, metadata);
        bool hasBest = tensors.ContainsKey(BestParameters);
        if (statisticsCount > 0 && hasBest != tensors.ContainsKey(BestStatistics))
        {
            throw new InvalidDataException($"'{path}' holds one of '{BestParameters}' and '{BestStatistics}' without the other.");
        }

        var state = new TrainerState
        {
            Epoch = reader.Int("gen.epoch", 1, TModel.Epochs),
            Step = reader.Long("gen.step"),
            StepCount = reader.Int("gen.step_count", 0, int.MaxValue),
            LearningRate = reader.Float("gen.learning_rate"),
            Samples = reader.Int("gen.samples", 1, int.MaxValue),
            ValidationSamples = reader.Int("gen.validation_samples", 0, int.MaxValue),
            Stopped = reader.Get("gen.stopped") switch
            {
                "true" => true,
                "false" => false,
                string other => throw reader.Invalid("gen.stopped", other, "true or false"),
            },
            BestParameters = hasBest ? tensors[BestParameters] : null,
            BestStatistics = hasBest ? (statisticsCount > 0 ? tensors[BestStatistics] : []) : null,
            Tensors = tensors,
        };

        string[] plateau = reader.Parts("gen.plateau", 4);
        state.Plateau = (reader.Double("gen.plateau", plateau[0]), reader.Int("gen.plateau", plateau[1], 0, int.MaxValue), reader.Double("gen.plateau", plateau[2]), reader.Int("gen.plateau", plateau[3], 0, int.MaxValue));
        if (reader.Metadata.ContainsKey("gen.early_stopping"))
        {
            string[] stopper = reader.Parts("gen.early_stopping", 3);
            state.Stopper = (reader.Double("gen.early_stopping", stopper[0]), reader.Int("gen.early_stopping", stopper[1], 0, state.Epoch), reader.Int("gen.early_stopping", stopper[2], 0, state.Epoch));
        }

        string[] best = reader.Parts("gen.best_checkpoint", 2);
        state.BestCheckpoint = (reader.Double("gen.best_checkpoint", best[0]), reader.Int("gen.best_checkpoint", best[1], 0, state.Epoch));
        if (!float.IsFinite(state.LearningRate) || state.LearningRate < 0)
        {
            throw reader.Invalid("gen.learning_rate", state.LearningRate.ToString(CultureInfo.InvariantCulture), "a finite rate, 0 or more");
        }

        if (state.Step < 0)
        {
            throw reader.Invalid("gen.step", Text(state.Step), "0 or more");
        }

        state.History = ReadHistory(reader, TModel.Epochs);
        if (state.History.Count != state.Epoch)
        {
            throw new InvalidDataException($"'{path}' is a checkpoint after epoch {state.Epoch}, but its history holds {state.History.Count} epoch(s).");
        }

        return state;
    }

    /// <summary>Puts a checked checkpoint's weights, statistics, optimizer state and step count into the model.</summary>
    internal static void Apply<TModel>(TModel model, TrainerState state)
        where TModel : ITrainableModel<TModel>
    {
        ModelFile.Apply(model, state.Tensors);
        ReadOnlySpan<string> names = TModel.OptimizerStates;
        for (int i = 0; i < names.Length; i++)
        {
            state.Tensors["optimizer." + names[i]].CopyTo(model.OptimizerState(i));
        }

        model.StepCount = state.StepCount;
    }

    private const string BestParameters = "trainer.best.parameters";
    private const string BestStatistics = "trainer.best.statistics";

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Join(params string[] parts) => string.Join(' ', parts);

    private static string History(IReadOnlyList<EpochReport> history)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (EpochReport e in history)
            {
                // Numbers as round-trip strings: JSON has no NaN or infinity.
                json.WriteStartArray();
                json.WriteStringValue(Text(e.Epoch));
                json.WriteStringValue(Text(e.Epochs));
                json.WriteStringValue(Text(e.TrainLoss));
                json.WriteStringValue(e.ValidationLoss is double loss ? Text(loss) : string.Empty);
                json.WriteStringValue(e.ValidationAccuracy is double accuracy ? Text(accuracy) : string.Empty);
                json.WriteStringValue(Text(e.LearningRate));
                json.WriteStringValue(Text(e.Seconds));
                json.WriteStringValue(Text(e.Samples));
                json.WriteStringValue(e.Overfitting ? "true" : "false");
                json.WriteEndArray();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static List<EpochReport> ReadHistory(MetadataReader reader, int epochs)
    {
        const string key = "gen.history";
        var history = new List<EpochReport>();
        try
        {
            using JsonDocument document = JsonDocument.Parse(reader.Get(key));
            foreach (JsonElement row in document.RootElement.EnumerateArray())
            {
                if (row.GetArrayLength() != 9)
                {
                    throw reader.Invalid(key, row.GetRawText(), "9 values per epoch");
                }

                string?[] v = new string?[9];
                for (int i = 0; i < 9; i++)
                {
                    v[i] = row[i].GetString();
                }

                history.Add(new EpochReport
                {
                    Epoch = reader.Int(key, v[0], history.Count + 1, history.Count + 1),
                    Epochs = reader.Int(key, v[1], 1, int.MaxValue),
                    TrainLoss = reader.Double(key, v[2]),
                    ValidationLoss = string.IsNullOrEmpty(v[3]) ? null : reader.Double(key, v[3]),
                    ValidationAccuracy = string.IsNullOrEmpty(v[4]) ? null : reader.Double(key, v[4]),
                    LearningRate = reader.Double(key, v[5]),
                    Seconds = reader.Double(key, v[6]),
                    Samples = reader.Int(key, v[7], 0, int.MaxValue),
                    Overfitting = v[8] == "true",
                });
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or IndexOutOfRangeException)
        {
            throw new InvalidDataException($"'{reader.Path}' has a malformed training history in its metadata ({key}): {e.Message}", e);
        }

        if (history.Count > epochs)
        {
            throw reader.Invalid(key, $"{history.Count} epochs", $"at most the model's {epochs}");
        }

        return history;
    }

    /// <summary>Reads the <c>gen.*</c> values, naming the file, key and value in every error.</summary>
    private sealed class MetadataReader(string path, Dictionary<string, string> metadata)
    {
        public string Path => path;

        public Dictionary<string, string> Metadata => metadata;

        public string Get(string key) => metadata.TryGetValue(key, out string? value)
            ? value
            : throw new InvalidDataException($"'{path}' is not a complete checkpoint: its metadata has no '{key}'.");

        public string[] Parts(string key, int count)
        {
            string[] parts = Get(key).Split(' ');
            return parts.Length == count ? parts : throw Invalid(key, Get(key), $"{count} values separated by spaces");
        }

        public int Int(string key, int min, int max) => Int(key, Get(key), min, max);

        public int Int(string key, string? text, int min, int max) =>
            int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value >= min && value <= max
                ? value
                : throw Invalid(key, text, $"an integer from {min} to {max}");

        public long Long(string key) =>
            long.TryParse(Get(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out long value)
                ? value
                : throw Invalid(key, Get(key), "an integer");

        public float Float(string key) =>
            float.TryParse(Get(key), NumberStyles.Float, CultureInfo.InvariantCulture, out float value)
                ? value
                : throw Invalid(key, Get(key), "a number");

        public double Double(string key, string? text) =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
                ? value
                : throw Invalid(key, text, "a number");

        public InvalidDataException Invalid(string key, string? value, string expected) =>
            new($"'{path}' has '{value}' for '{key}' in its metadata; expected {expected}.");
    }
}

/// <summary>Everything of a <c>Fit</c> in progress besides the model that a checkpoint holds.</summary>
internal sealed class TrainerState
{
    /// <summary>Epochs completed (from 1).</summary>
    public int Epoch { get; set; }

    /// <summary>The trainer's optimizer steps over the whole run, for per-step warmup.</summary>
    public long Step { get; set; }

    /// <summary>The model's <see cref="ITrainableModel{TSelf}.StepCount"/> (read back from the file).</summary>
    public int StepCount { get; set; }

    /// <summary>The rate the run started with: the schedule's initial rate.</summary>
    public float LearningRate { get; set; }

    /// <summary>Training samples (after any validation hold-out).</summary>
    public int Samples { get; set; }

    /// <summary>Validation samples, 0 for none.</summary>
    public int ValidationSamples { get; set; }

    /// <summary>Early stopping ended the run after <see cref="Epoch"/>.</summary>
    public bool Stopped { get; set; }

    public (double Best, int BadEpochs, double Scale, int Reductions) Plateau { get; set; } = (double.PositiveInfinity, 0, 1, 0);

    public (double Best, int BestEpoch, int Wait)? Stopper { get; set; }

    /// <summary>The best value and epoch for <see cref="CheckpointOptions.KeepBest"/> (NaN and 0 before any).</summary>
    public (double Value, int Epoch) BestCheckpoint { get; set; } = (double.NaN, 0);

    public IReadOnlyList<EpochReport> History { get; set; } = [];

    /// <summary>With <c>RestoreBestWeights</c>, the best epoch's parameters and statistics.</summary>
    public float[]? BestParameters { get; set; }

    public float[]? BestStatistics { get; set; }

    /// <summary>The model's tensors, when read from a file.</summary>
    public Dictionary<string, float[]> Tensors { get; set; } = new();
}
