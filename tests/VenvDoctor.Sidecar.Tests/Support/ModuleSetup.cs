using System.Runtime.CompilerServices;

namespace VenvDoctor.Sidecar.Tests.Support;

internal static class ModuleSetup
{
    /// <summary>The process tests read sidecars' stdout on the pool while other tests block on child processes.</summary>
    [ModuleInitializer]
    internal static void Init() => Core.Tests.Support.ThreadPoolWarmup.Widen();
}
