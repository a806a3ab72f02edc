namespace VenvDoctor.Core.Discovery.Inventory.Windows;

/// <summary>The two registry hives PEP 514 installs register under.</summary>
public enum RegistryRoot { CurrentUser, LocalMachine }

/// <summary>
/// The little of the Windows registry base discovery reads (PEP 514 keys), behind an interface so the reading logic
/// is tested on any host with an in-memory tree, and only the Windows host opens the real registry.
/// </summary>
public interface IRegistryView
{
    /// <summary>The names of the subkeys of <paramref name="path"/>; empty when the key does not exist or cannot be read.</summary>
    IReadOnlyList<string> SubKeyNames(RegistryRoot root, string path);

    /// <summary>A string value of <paramref name="path"/> (<paramref name="name"/> null: the key's default value); null when absent or not a string.</summary>
    string? Value(RegistryRoot root, string path, string? name);
}
