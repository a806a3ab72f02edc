namespace VenvDoctor.Core.Model;

/// <summary>Everything one scan learnt, and what it could not read (<see cref="Skipped"/>).</summary>
public sealed record ScanReport(
    IReadOnlyList<PythonEnvironment> Environments,
    IReadOnlyList<InterpreterSetting> Settings,
    IReadOnlyList<BaseInterpreter> Interpreters,
    IReadOnlyList<SkippedPath> Skipped);

/// <summary>A path the scan could not read, and why (permission denied, symlink loop, vanished...).</summary>
public sealed record SkippedPath(string Path, string Reason);
