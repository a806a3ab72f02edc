using VenvDoctor.Core.Discovery.Dependents;
using VenvDoctor.Core.Model;

namespace VenvDoctor.Sidecar.Protocol.Discovery;

/// <summary>Model → wire. One mapping, shared by the CLI and the RPC handlers.</summary>
public static class DiscoveryWire
{
    public static EnvironmentDto ToWire(PythonEnvironment e) => new(
        e.Path, WireNames.Of(e.Kind), e.Version, e.Interpreter, e.Home, e.Prompt, e.Manager, WireNames.Of(e.Health),
        e.Findings.Select(f => new FindingDto(f.Code, WireNames.Of(f.Severity), f.Message, f.Data)).ToList(),
        e.Suggestions.Select(s => new SuggestionDto(s.Action, s.Title, s.Data)).ToList());

    public static BaseInterpreterDto ToWire(BaseInterpreter i) => new(i.Executable, i.Version, i.Source, i.Prefix);

    public static InterpreterSettingDto ToWire(InterpreterSetting s) => new(s.File, s.Key, s.Value, s.Resolves, s.Suggestion, s.Unreadable);

    public static ScanResultDto ToWire(ScanReport report, bool withEnvironments = true) => new(
        withEnvironments ? report.Environments.Select(ToWire).ToList() : [],
        report.Settings.Select(ToWire).ToList(),
        report.Interpreters.Select(ToWire).ToList(),
        report.Skipped.Select(s => new SkippedDto(s.Path, s.Reason)).ToList());

    public static DependentsResult ToWire(DependentsReport report) => new(
        new DependentsBaseDto(report.Base.Given, report.Base.Prefix, report.Base.RealPrefix, report.Base.Version, report.Base.Minor),
        report.Environments.Select(ToWire).ToList());
}
