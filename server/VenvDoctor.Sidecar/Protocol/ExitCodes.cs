namespace VenvDoctor.Sidecar.Protocol;

/// <summary>The exit codes every verb shares (docs/protocol.md §2.7, §6).</summary>
public static class ExitCodes
{
    public const int Done = 0;
    /// <summary>Failed or refused: what and why on one line of stderr.</summary>
    public const int Failed = 1;
    public const int UsageError = 2;
    /// <summary>Unexpected error (a bug): one line; <c>VENV_DOCTOR_DEBUG=1</c> adds the stack trace.</summary>
    public const int Unexpected = 3;
}
