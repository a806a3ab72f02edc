namespace VenvDoctor.Core.Anatomy;

/// <summary>
/// The relocatable side of the format table: for each activation-script format, the expression that finds the
/// environment from the script's own place at run time (what make-relocatable writes instead of a path), with the
/// lines a shell needs before it to know which file it is sourcing; and the console-script header that runs the
/// environment's interpreter relative to the script. The readers in <see cref="ActivationScripts"/> and
/// <see cref="ConsoleScripts"/> read these back as computed (relocatable), recording no path.
/// </summary>
/// <remarks>
/// What each shell can tell (checked with the shells themselves): bash <c>BASH_SOURCE</c>, zsh <c>%x</c>, ksh
/// <c>.sh.file</c>, fish <c>status dirname</c>, nushell <c>$env.FILE_PWD</c>, PowerShell <c>$PSScriptRoot</c> (its
/// Activate.ps1 already uses it), cmd <c>%~dp0</c>. dash and tcsh have no such variable; on Linux both keep the
/// sourced file open, so the script is found among <c>/proc/$$/fd</c> by its name (uv leaves csh absolute).
/// </remarks>
public static partial class RecordedPathFormats
{
    /// <summary>Marks the lines make-relocatable adds, so a reader (and a person) knows where they come from.</summary>
    public const string SelfLocatingMarker = "_venv_doctor_";

    private const string ShPreamble = """
        # The environment is the folder above this script's bin/ (made relocatable): which file is being sourced.
        if [ -n "${BASH_VERSION:+x}" ]; then
            _venv_doctor_script="${BASH_SOURCE[0]}"
        elif [ -n "${ZSH_VERSION:+x}" ]; then
            _venv_doctor_script="${(%):-%x}"
        elif [ -n "${KSH_VERSION:+x}" ]; then
            _venv_doctor_script="${.sh.file}"
        else
            # dash and other POSIX shells do not say; on Linux the file they source is one they hold open.
            _venv_doctor_script=
            for _venv_doctor_fd in /proc/$$/fd/*; do
                _venv_doctor_target=$(readlink -- "$_venv_doctor_fd" 2>/dev/null) || continue
                case "$_venv_doctor_target" in */bin/activate) _venv_doctor_script="$_venv_doctor_target";; esac
            done
            unset _venv_doctor_fd _venv_doctor_target
        fi

        """;

    private const string CshPreamble = """
        # The environment is the folder above this script's bin/ (made relocatable): csh does not say which file it
        # sources, and on Linux the one it sources is among the files it holds open.
        set _venv_doctor_here = ""
        foreach _venv_doctor_fd ( /proc/$$/fd/* )
            set _venv_doctor_target = "`readlink $_venv_doctor_fd:q`"
            if ( "$_venv_doctor_target:t" == "activate.csh" ) set _venv_doctor_here = "$_venv_doctor_target:h:h"
        end

        """;

    /// <summary>
    /// The expression standing for the environment's folder in a script of <paramref name="format"/>, or null when
    /// the format is not an activation script's.
    /// </summary>
    public static string? SelfLocatingToken(string format) => format switch
    {
        ShDoubleQuoted or ShCveQuoted or SingleQuoted => "\"$(CDPATH= cd -- \"$(dirname -- \"$_venv_doctor_script\")/..\" && pwd)\"",
        Csh or CshCveQuoted or CshSingleQuoted => "\"$_venv_doctor_here:q\"",
        // fish: no cd (a command substitution is not a subshell there), and -s keeps a symlinked bin/ as named.
        Fish or FishSingleQuoted or FishAlwaysSingleQuoted => "\"$(builtin realpath -s -- \"$(status dirname)\"/..)\"",
        // nushell: path self runs only at parse time (0.115 refuses it in a let); FILE_PWD is the sourced file's folder.
        Nu => "($env.FILE_PWD | path dirname)",
        Bat => "%~dp0..",
        _ => null,
    };

    /// <summary>Lines the script needs before the first use of <see cref="SelfLocatingToken"/> (empty when none).</summary>
    public static string SelfLocatingPreamble(string format) => format switch
    {
        ShDoubleQuoted or ShCveQuoted or SingleQuoted => ShPreamble,
        Csh or CshCveQuoted or CshSingleQuoted => CshPreamble,
        _ => "",
    };

    /// <summary>The line that forgets the preamble's variables, appended at the end of the script (empty when none).</summary>
    public static string SelfLocatingEpilogue(string format) => format switch
    {
        ShDoubleQuoted or ShCveQuoted or SingleQuoted => "unset _venv_doctor_script\n",
        Csh or CshCveQuoted or CshSingleQuoted => "unset _venv_doctor_here _venv_doctor_fd _venv_doctor_target\n",
        _ => "",
    };

    /// <summary>
    /// pip's <c>/bin/sh</c> trampoline word for an interpreter <paramref name="name"/> beside the script, as uv writes
    /// it for <c>--relocatable</c>: the script's real path (a script linked from another folder still finds its own
    /// environment), its folder, then the name single-quoted.
    /// </summary>
    public static string SelfLocatingExecWord(string name) =>
        "\"$(dirname -- \"$(realpath -- \"$0\")\")\"/" + ShellQuoting.ShSingleQuoted(name);
}
