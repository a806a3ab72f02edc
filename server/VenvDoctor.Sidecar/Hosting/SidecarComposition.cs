using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using VenvDoctor.Core.Repair.Journal;

namespace VenvDoctor.Sidecar.Hosting;

/// <summary>
/// What one executable composes the product from, decided once at start-up by its <c>Program.cs</c> and handed to
/// every verb: where the journal store lives, and what a host adds to the product's registrations. The shipped
/// executable adds nothing (<see cref="FromEnvironment"/>); the test host (tests/VenvDoctor.Sidecar.TestHost) adds
/// its <c>$/test/*</c> methods and its fault injection.
/// </summary>
public sealed record SidecarComposition(JournalStoreOptions Journals)
{
    /// <summary>Registrations made after the product's own, so a host's registration of a service wins.</summary>
    public Action<IServiceCollection>? AddServices { get; init; }

    /// <summary>The source-generated contexts of the wire types of methods the host adds.</summary>
    public IReadOnlyList<JsonSerializerContext> WireContexts { get; init; } = [];

    /// <summary>
    /// The product as it ships. The state folder is read from the environment here and nowhere else:
    /// <c>$VENV_DOCTOR_STATE_DIR</c>, else <c>$XDG_STATE_HOME/venv-doctor</c>, else <c>~/.local/state/venv-doctor</c>.
    /// </summary>
    public static SidecarComposition FromEnvironment() => new(JournalStoreOptions.ForUser(
        Environment.GetEnvironmentVariable("VENV_DOCTOR_STATE_DIR"),
        Environment.GetEnvironmentVariable("XDG_STATE_HOME"),
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile)));
}
