using Microsoft.Extensions.DependencyInjection;
using VenvDoctor.Core.Repair;

namespace VenvDoctor.Core.Tests.Repair;

/// <summary>The repair service as the CLI and serve build it (every action, the real diagnoser and inventory).</summary>
internal static class RepairTestServices
{
    public static RepairService Build() => new ServiceCollection().AddRepair().BuildServiceProvider().GetRequiredService<RepairService>();
}
