using System;
using System.IO;

namespace Gen.Persistence;

/// <summary>
/// Writes a file so that a crash, a full disk or an exception midway leaves any previous file
/// intact: the content goes to a temporary file in the target's folder (so the rename cannot cross
/// file systems), is flushed to disk, and only then is renamed over the target.
/// </summary>
internal static class AtomicFile
{
    /// <param name="path">The file to write; its folder must exist.</param>
    /// <param name="write">Writes the content to the stream it is given.</param>
    /// <param name="wrap">Tests wrap the file stream to fail a write halfway.</param>
    /// <exception cref="DirectoryNotFoundException">The folder of <paramref name="path"/> does not exist.</exception>
    public static void Write(string path, Action<Stream> write, Func<Stream, Stream>? wrap = null)
    {
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The folder '{directory}' of '{path}' does not exist.");
        }

        string temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            using (Stream stream = wrap is null ? file : wrap(file))
            {
                write(stream);
                stream.Flush();
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
