using VenvDoctor.Core.Repair;
using VenvDoctor.Core.Repair.Actions;
using VenvDoctor.Core.Repair.Journal;
using VenvDoctor.Core.Tests.Support;

namespace VenvDoctor.Core.Tests.Repair;

/// <summary>make-independent on a real copy whose pip still runs the original: afterwards it runs itself; the original is untouched.</summary>
public sealed class MakeIndependentTests
{
    private readonly TestJournals journals = new();

    [PythonFact("3.12")]
    public void A_copy_stops_running_the_original()
    {
        using var tmp = new TempDir();
        var original = Venvs.Create(Pythons.Find("3.12")!, tmp.Combine("original env"), withPip: true);
        var copy = tmp.Combine("copy env");
        Run.Checked("cp", "-a", original, copy);
        var before = Proofs.Exec(Path.Combine(copy, "bin", "pip"), "--version");
        Assert.Contains($"from {original}/lib", before.StdOut); // the silent failure: installs would land in the original
        var originalBefore = TreeSnapshot.Of(original, includeJournal: true);

        var plan = new MakeIndependentAction().Plan(new RepairRequest(copy) { From = original }, CancellationToken.None);
        journals.Engine().Apply(plan, null, CancellationToken.None);

        Proofs.PipNamesOwnSitePackages(copy);
        Proofs.PythonRunsIn(copy);
        Proofs.ActivationWorks(copy);
        TreeSnapshot.Of(original, includeJournal: true).AssertSameAs(originalBefore, "the original is never written");
        Proofs.PipNamesOwnSitePackages(original);
    }
}
