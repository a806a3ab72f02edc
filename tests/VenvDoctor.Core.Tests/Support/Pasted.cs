using System.Text;

namespace VenvDoctor.Core.Tests.Support;

/// <summary>
/// A command line pasted into a real shell: the shell runs <c>printf '%s\0'</c> followed by the line, so every
/// word the shell reads back comes out NUL-separated, and anything else the line would run (a <c>;</c>, a
/// <c>$(…)</c>) runs too, in a fresh folder the caller can look at afterwards.
/// </summary>
public static class Pasted
{
    /// <summary>The shells on this machine by name (bash, zsh, dash as sh), or null when absent.</summary>
    public static string? Shell(string name) =>
        new[] { "/usr/bin", "/bin", "/usr/local/bin" }.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    /// <summary>The words <paramref name="shell"/> reads from <paramref name="commandLine"/>, run in <paramref name="folder"/>.</summary>
    public static IReadOnlyList<string> Words(string shell, string commandLine, string folder)
    {
        var run = Run.Process(shell, ["-c", "printf '%s\\0' " + commandLine], folder, new Dictionary<string, string?> { ["LC_ALL"] = "C.UTF-8" });
        if (run.ExitCode != 0) throw new InvalidOperationException($"{shell} exited {run.ExitCode} on {commandLine}: {run.StdErr}");
        var words = run.StdOut.Split('\0');
        return words[..^1]; // printf ends each word with NUL: the last piece is empty
    }

    /// <summary>What the system receives for a string: a lone surrogate cannot be encoded and becomes U+FFFD.</summary>
    public static string AsSystemReceives(string s) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(s));
}
