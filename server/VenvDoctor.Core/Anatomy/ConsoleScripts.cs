using System.Text;
using Microsoft.Win32.SafeHandles;
using VenvDoctor.Core.Anatomy.Files;

namespace VenvDoctor.Core.Anatomy;

/// <summary>
/// What a file in bin/ (Scripts\) says about the interpreter it runs. <see cref="Interpreter"/> is the recorded
/// interpreter path (null when none is recorded: <c>#!/usr/bin/env</c>, relocatable forms, binaries, non-scripts);
/// <see cref="Binary"/> tells why a file was not read as text.
/// </summary>
public sealed record ConsoleScript(string File, RecordedPath? Interpreter, bool Relocatable, BinaryKind Binary, string? Problem = null)
{
    /// <summary>
    /// The file's name is not valid UTF-8: it was read by its raw bytes, and <see cref="File"/> shows them as
    /// <c>\xNN</c> (so no code may open it by that string).
    /// </summary>
    public bool NameNotUtf8 { get; init; }
}

/// <summary>
/// Reads console-script headers: <c>#!/p/bin/python</c>, pip's <c>#!/bin/sh</c> + <c>'''exec' WORD "$0" "$@"</c>
/// form, uv's relocatable form, and Windows .exe launchers (the shebang sits just before the appended zip).
/// Only the first bytes of a script are read, so thousands of scripts take milliseconds.
/// </summary>
public static class ConsoleScripts
{
    private const int HeadBytes = 1024;
    private static readonly int MaxHeadBytes = FileCaps.Of(FileKind.ScriptHead);

    /// <param name="file">The script.</param>
    /// <param name="knownLength">Its length when the caller has it from a directory listing (saves a stat per script).</param>
    /// <param name="folder">Its folder held open (<see cref="WorkspaceFile.Folder"/>), when the caller reads many scripts of one folder.</param>
    public static ConsoleScript Read(string file, long knownLength = -1, WorkspaceFile.Folder? folder = null) =>
        Read(file, buffer => WorkspaceFile.ReadHead(file, buffer, folder), knownLength, byName: true);

    /// <summary>A script of <paramref name="folder"/> whose name is not valid UTF-8, opened by its raw bytes; <paramref name="shownPath"/> shows them escaped.</summary>
    public static ConsoleScript ReadRaw(string shownPath, byte[] rawName, WorkspaceFile.Folder folder) =>
        Read(shownPath, buffer => WorkspaceFile.ReadHeadRaw(folder, rawName, buffer, shownPath), -1, byName: false) with { NameNotUtf8 = true };

    private delegate int HeadReader(Span<byte> buffer);

    private static ConsoleScript Read(string file, HeadReader readHead, long knownLength, bool byName)
    {
        try
        {
            Span<byte> head = stackalloc byte[HeadBytes];
            var n = readHead(head);
            head = head[..n];
            var kind = BinaryFiles.Sniff(head);
            // A launcher's shebang sits at its end, read through a handle by name; a raw name is reported as a launcher only.
            if (kind == BinaryKind.WindowsExecutable && !byName) return new ConsoleScript(file, null, false, kind);
            if (kind == BinaryKind.WindowsExecutable)
            {
                using var handle = File.OpenHandle(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                return ReadLauncher(file, handle, RandomAccess.GetLength(handle));
            }
            if (kind != BinaryKind.Text)
                return new ConsoleScript(file, null, false, kind);
            if (n < 2 || head[0] != (byte)'#' || head[1] != (byte)'!')
                return new ConsoleScript(file, null, false, BinaryKind.Text);
            // Only a /bin/sh script says more than its first line (pip's exec form is on the second): decode just the
            // first line of the others (thousands of scripts, a kilobyte of text each otherwise).
            var firstEnd = head.IndexOf((byte)'\n');
            var text = firstEnd >= 0 && !head.StartsWith("#!/bin/sh"u8) ? Decode(head[..(firstEnd + 1)]) : Decode(head);
            // A long exec-form path may not fit in the first bytes: read more, bounded.
            if (NeedsMore(text) && n == HeadBytes && knownLength != n)
            {
                var more = new byte[MaxHeadBytes];
                var m = readHead(more);
                text = Decode(more.AsSpan(0, m));
            }
            return Parse(file, text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new ConsoleScript(file, null, false, BinaryKind.Text, $"cannot read: {e.Message}");
        }
    }

    /// <summary>Parses the head of a script's text (offsets are into this text, as in the whole file's text).</summary>
    public static ConsoleScript Parse(string file, string text)
    {
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        if (!text.StartsWith("#!")) return new ConsoleScript(file, null, false, BinaryKind.Text);
        var eol = text.IndexOf('\n');
        var firstLine = (eol < 0 ? text : text[..eol]).TrimEnd('\r');
        var interpreterStart = 2;
        while (interpreterStart < firstLine.Length && firstLine[interpreterStart] is ' ' or '\t') interpreterStart++;
        var interpreterEnd = interpreterStart;
        while (interpreterEnd < firstLine.Length && firstLine[interpreterEnd] is not (' ' or '\t')) interpreterEnd++;
        var interpreter = firstLine[interpreterStart..interpreterEnd];

        if (interpreter == "/bin/sh" && eol >= 0)
        {
            var second = eol + 1;
            const string marker = "'''exec' ";
            if (string.CompareOrdinal(text, second, marker, 0, marker.Length) == 0)
            {
                if (ShellWords.Read(text, second + marker.Length) is not { } word)
                    return new ConsoleScript(file, null, false, BinaryKind.Text, "exec-form line has an unterminated quote");
                if (word.IsComputed)
                    return new ConsoleScript(file, null, word.Value.Contains("dirname") || word.Value.Contains("realpath"), BinaryKind.Text);
                return new ConsoleScript(file, new RecordedPath(file, RecordKind.ShebangExecForm, 2, word.Start, word.Length, word.Value, RecordedPathFormats.ExecForm), false, BinaryKind.Text);
            }
        }
        // setuptools' and distlib's -script.py on Windows: the launcher beside it reads the line, quoted when it has a blank.
        if (interpreter.StartsWith('"') || PlatformPaths.IsWindowsStyle(interpreter))
            return RecordedPathFormats.Read(RecordedPathFormats.WindowsShebang, firstLine, interpreterStart) is { } windows
                ? new ConsoleScript(file, new RecordedPath(file, RecordKind.Shebang, 1, windows.Start, windows.Length, windows.Value, RecordedPathFormats.WindowsShebang), false, BinaryKind.Text)
                : new ConsoleScript(file, null, false, BinaryKind.Text, "a Windows shebang with an unterminated quote");
        if (interpreter.Length == 0 || interpreter.EndsWith("/env") || interpreter is "/bin/sh" or "/bin/bash")
            return new ConsoleScript(file, null, false, BinaryKind.Text);
        return new ConsoleScript(file, new RecordedPath(file, RecordKind.Shebang, 1, interpreterStart, interpreter.Length, interpreter, RecordedPathFormats.Shebang), false, BinaryKind.Text);
    }

    private static bool NeedsMore(string text)
    {
        var first = text.IndexOf('\n');
        if (first < 0) return true;
        if (!text.StartsWith("#!/bin/sh")) return false;
        return text.IndexOf('\n', first + 1) < 0;
    }

    private static string Decode(ReadOnlySpan<byte> bytes)
    {
        // A cut in the middle of a multi-byte character only damages the very end, beyond the lines we read.
        var start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        return Encoding.UTF8.GetString(bytes[start..]);
    }

    /// <summary>
    /// A Windows launcher (distlib's t64.exe etc.), read by <see cref="WindowsLauncherFile"/>. Offsets of the recorded
    /// path are byte offsets into the .exe (Line = -1 marks a binary span).
    /// </summary>
    private static ConsoleScript ReadLauncher(string file, SafeFileHandle handle, long length)
    {
        if (WindowsLauncherFile.Read(handle, length, out var problem) is not { } layout)
            return new ConsoleScript(file, null, false, BinaryKind.WindowsExecutable, problem == "no zip at the end (not a script launcher)" ? null : problem);
        return new ConsoleScript(file, new RecordedPath(file, RecordKind.Shebang, -1, (int)layout.TokenStart, layout.TokenLength, layout.Interpreter, RecordedPathFormats.WindowsShebang), false, BinaryKind.WindowsExecutable);
    }
}
