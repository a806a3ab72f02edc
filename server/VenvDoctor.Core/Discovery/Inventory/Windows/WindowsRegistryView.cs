using System.Runtime.Versioning;
using System.Security;
using Microsoft.Win32;

namespace VenvDoctor.Core.Discovery.Inventory.Windows;

/// <summary>
/// The real registry, through <c>Microsoft.Win32.Registry</c> (part of .NET's shared framework, trim- and AOT-safe).
/// Read only; a key that is missing or denied reads as absent.
/// </summary>
[SupportedOSPlatform("windows")]
public sealed class WindowsRegistryView : IRegistryView
{
    public IReadOnlyList<string> SubKeyNames(RegistryRoot root, string path)
    {
        try
        {
            using var key = Hive(root).OpenSubKey(path, writable: false);
            return key?.GetSubKeyNames() ?? [];
        }
        catch (Exception e) when (e is SecurityException or UnauthorizedAccessException or IOException) { return []; }
    }

    public string? Value(RegistryRoot root, string path, string? name)
    {
        try
        {
            using var key = Hive(root).OpenSubKey(path, writable: false);
            return key?.GetValue(name) as string;
        }
        catch (Exception e) when (e is SecurityException or UnauthorizedAccessException or IOException) { return null; }
    }

    private static RegistryKey Hive(RegistryRoot root) => root == RegistryRoot.CurrentUser ? Registry.CurrentUser : Registry.LocalMachine;
}
