namespace VenvDoctor.Core.Model;

/// <summary>A repair the user can apply. <paramref name="Action"/> is one of <see cref="RepairActions"/>.</summary>
public sealed record Suggestion(string Action, string Title, IReadOnlyDictionary<string, string> Data);

/// <summary>The repair actions, as named on the wire and on the CLI (<c>--action</c>).</summary>
public static class RepairActions
{
    public const string Relocate = "relocate";
    public const string MakeIndependent = "make-independent";
    public const string RelinkBase = "relink-base";
    public const string RestoreInterpreterLinks = "restore-interpreter-links";
    public const string Recreate = "recreate";
    public const string RegenerateConfig = "regenerate-config";
    public const string FixHome = "fix-home";
    public const string ReinstallEditable = "reinstall-editable";
    public const string RepointInterpreter = "repoint-interpreter";
    public const string ReinstallBinaries = "reinstall-binaries";
    public const string IgnoreInGit = "ignore-in-git";
    /// <summary>Prevention, offered on healthy environments: rewrite a venv so that moving it needs no repair.</summary>
    public const string MakeRelocatable = "make-relocatable";
}
