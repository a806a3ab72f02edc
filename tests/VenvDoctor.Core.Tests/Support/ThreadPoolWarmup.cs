using System.Runtime.CompilerServices;

namespace VenvDoctor.Core.Tests.Support;

/// <summary>
/// Many tests here wait on child processes (venv creation, CLI runs) while others read a sidecar's stdout on the
/// thread pool. With xunit running classes in parallel on two cores, the pool's slow growth can starve those read
/// loops, and a reply that has arrived is not read within a test's timeout. Start the pool wide enough instead.
/// </summary>
public static class ThreadPoolWarmup
{
    [ModuleInitializer] // also called by the process tests' assembly (Sidecar.Tests)
    public static void Widen()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(io, 64));
    }
}
