using VenvDoctor.Core.Diagnosis;
using VenvDoctor.Core.Discovery;
using VenvDoctor.Core.Discovery.Inventory;
using VenvDoctor.Core.Watching;
using VenvDoctor.Core.Watching.Backend;

namespace VenvDoctor.Core.Tests.Support;

/// <summary>Watchers wired to the real discovery, diagnosis and inventory, with test-friendly timings.</summary>
public static class TestWatchers
{
    public static WatchOptions FastOptions => new() { RescanInterval = TimeSpan.FromMilliseconds(300) };

    public static EnvironmentWatcher Create(WatchOptions? options = null, Func<IFileWatchBackend>? backend = null) =>
        new(new EnvironmentDiscovery(), new EnvironmentDiagnoser(), new InterpreterInventory(), new ListLogger<EnvironmentWatcher>(), options ?? FastOptions, backend);
}

