using System.CommandLine;
using Microsoft.Extensions.Logging;
using VenvDoctor.JsonRpc;
using VenvDoctor.Sidecar.Hosting;

namespace VenvDoctor.Sidecar.Cli;

/// <summary><c>serve</c>: the sidecar. JSON-RPC 2.0 with LSP framing and lifecycle on stdin/stdout; logs on stderr.</summary>
public static class ServeCommand
{
    public static Command Create(SidecarComposition composition)
    {
        var maxMessageBytes = new Option<long>("--max-message-bytes")
        {
            Description = "Largest message accepted, in bytes; a larger one is refused and the connection closed.",
            DefaultValueFactory = _ => RpcConnectionOptions.DefaultMaxMessageBytes,
        };
        maxMessageBytes.Validators.Add(r =>
        {
            // Runs even when the value did not parse (that error is reported already): look at the token itself.
            if (r.Tokens is [{ } token] && long.TryParse(token.Value, out var bytes) && bytes < 1024)
                r.AddError("--max-message-bytes must be at least 1024.");
        });
        var logLevel = new Option<LogLevel>("--log-level")
        {
            Description = "Least severe log level written to stderr (Trace, Debug, Information, Warning, Error, None).",
            DefaultValueFactory = _ => LogLevel.Information,
        };
        // Language clients append these when they start a server over stdio; accepted so such clients just work.
        var stdio = new Option<bool>("--stdio") { Description = "Accepted for language-client compatibility (stdio is the only transport).", Hidden = true };
        var clientProcessId = new Option<int?>("--clientProcessId") { Hidden = true };

        var command = new Command("serve", "Serve the JSON-RPC protocol (LSP framing and lifecycle) on stdin/stdout; logs go to stderr.")
        {
            maxMessageBytes, logLevel, stdio, clientProcessId,
        };
        command.SetAction((parsed, cancellationToken) => ServeHost.RunAsync(
            ServeSettings.ForStdio(parsed.GetValue(maxMessageBytes), parsed.GetValue(logLevel)), composition, cancellationToken));
        return command;
    }
}
