using Microsoft.Extensions.DependencyInjection;
using VenvDoctor.Core.Repair;
using VenvDoctor.Core.Repair.Journal;

namespace VenvDoctor.Core.Tests.Repair;

/// <summary>The repair service as the CLI and serve build it (every action, the real diagnoser and inventory), on a journal store of its own.</summary>
internal static class RepairTestServices
{
    public static RepairService Build() => new ServiceCollection().AddRepair(new JournalStoreOptions(new TestJournals().Store.Root)).BuildServiceProvider().GetRequiredService<RepairService>();
}
