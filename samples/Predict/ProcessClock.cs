using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;

namespace Predict;

/// <summary>Time elapsed since this process started, for a cold-start figure.</summary>
internal static class ProcessClock
{
    /// <summary>
    /// The variable a launcher may set to the wall-clock time (Unix seconds with a fraction, as
    /// bash's <c>$EPOCHREALTIME</c>) just before it starts the program: a start time to the
    /// microsecond. Without it the kernel's record of the start is used, which counts in clock
    /// ticks (10 ms).
    /// </summary>
    public const string LaunchTimeVariable = "GEN_LAUNCH_TIME";

    private static double? s_launched;

    /// <summary>Milliseconds since the process started, and where the start time came from.</summary>
    public static (double Milliseconds, string Source) SinceStart()
    {
        double now = (DateTime.UtcNow - DateTime.UnixEpoch).TotalSeconds;
        s_launched ??= double.TryParse(Environment.GetEnvironmentVariable(LaunchTimeVariable), NumberStyles.Float, CultureInfo.InvariantCulture, out double launched) ? launched : double.NaN;
        if (!double.IsNaN(s_launched.Value))
        {
            return ((now - s_launched.Value) * 1000, "launcher's clock");
        }

        // /proc/self/stat field 22 is the start time in clock ticks after boot (USER_HZ, 100 on
        // Linux); /proc/uptime's first field is the time since boot on the same clock.
        if (File.Exists("/proc/self/stat") && File.Exists("/proc/uptime"))
        {
            string stat = File.ReadAllText("/proc/self/stat");
            string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            double started = long.Parse(fields[22 - 3], CultureInfo.InvariantCulture) / 100.0;
            double uptime = double.Parse(File.ReadAllText("/proc/uptime").Split(' ')[0], CultureInfo.InvariantCulture);
            return ((uptime - started) * 1000, "/proc/self/stat, 10 ms resolution");
        }

        using Process self = Process.GetCurrentProcess();
        return ((DateTime.Now - self.StartTime).TotalMilliseconds, "Process.StartTime");
    }
}
