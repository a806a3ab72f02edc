using VenvDoctor.Core.Anatomy;

namespace VenvDoctor.Core.Repair.Rewriting;

/// <summary>
/// A repair's rewrite of a Windows console-script launcher: the file read bounded, its layout and the rewrite from
/// <see cref="WindowsLauncherFile"/> (the one owner of that format), so the stub and the zip stay byte-identical.
/// </summary>
public static class WindowsLauncher
{
    /// <summary>The launcher with its interpreter replaced, whatever it records now; null when it is not a launcher.</summary>
    public static byte[]? Rewrite(string file, string newInterpreter)
    {
        var bytes = TextFile.ReadBytes(file);
        return WindowsLauncherFile.Read(bytes, out _) is { } layout ? WindowsLauncherFile.Rewrite(bytes, layout.Interpreter, newInterpreter, out _) : null;
    }

    /// <summary>The launcher with <paramref name="recorded"/> replaced; null with the reason when it is not a launcher or no longer records it.</summary>
    public static byte[]? Rewrite(string file, RecordedPath recorded, string newInterpreter, out string? problem) =>
        WindowsLauncherFile.Rewrite(TextFile.ReadBytes(file), recorded.Value, newInterpreter, out problem);
}
