using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Model;
using VenvDoctor.Core.Repair;
using VenvDoctor.Core.Tests.Support;

namespace VenvDoctor.Core.Tests.Repair;

/// <summary>
/// make-independent on a copy made of symlinks (<c>cp -as</c>, <c>cp -rs</c>: every file a link into the original,
/// every link a link to the original's link): afterwards the copy runs on its own — its python and pip name the copy,
/// no link leads into the original, none to itself — the original is byte for byte as it was, and undo puts the
/// copy back as it was made, links as links.
/// </summary>
public sealed class SymlinkCopyTests
{
    [Diagnosis.PythonTheory]
    [InlineData("-as")]
    [InlineData("-rs")]
    public async Task Make_independent_turns_a_copy_of_links_into_a_working_independent_environment(string cpFlags)
    {
        var python = Pythons.Find("3.12") ?? Pythons.Any;
        using var tmp = new TempDir();
        var original = Venvs.Create(python!, tmp.Combine("original"), withPip: true);
        var copy = tmp.Combine("copy");
        Run.Checked("cp", cpFlags, original, copy);
        Assert.Equal("link -> " + Path.Combine(original, "pyvenv.cfg"), TreeSnapshot.Of(copy).Entries["pyvenv.cfg"]); // really a copy made of links
        var originalBefore = TreeSnapshot.Of(original, includeJournal: true);
        var copyBefore = TreeSnapshot.Of(copy);
        var service = RepairTestServices.Build();
        Assert.Contains(service.Diagnose(copy, [], CancellationToken.None).Findings, f => f.Code == FindingCodes.Copied);

        var outcome = await service.ApplyAsync(new RepairRequest(copy) { Action = RepairActions.MakeIndependent }, null, CancellationToken.None);

        Assert.Equal(Health.Ok, outcome.Diagnosis.Health);
        Assert.Empty(outcome.Plan.Left);
        Proofs.PythonRunsIn(copy);
        var pip = Proofs.Exec(Path.Combine(copy, "bin", "python"), "-m", "pip", "--version");
        Assert.True(pip.ExitCode == 0, $"python -m pip failed: {pip.StdErr}");
        Assert.Contains($"from {copy}/lib/python", pip.StdOut);
        Proofs.PipNamesOwnSitePackages(copy);
        foreach (var link in Links(copy))
        {
            var target = new FileInfo(link).LinkTarget!;
            var real = PathResolver.RealPath(link);
            Assert.False(real is null, $"{link} -> {target} dangles or loops");
            Assert.False(Paths.IsUnderOrEqual(real!, original), $"{link} -> {target} still leads into the original");
        }
        // Each interpreter name is written as the original's is: the base's absolute path, or relative to a sibling.
        foreach (var name in Directory.EnumerateFileSystemEntries(Path.Combine(original, "bin"), "python*").Select(Path.GetFileName))
            Assert.Equal(new FileInfo(Path.Combine(original, "bin", name!)).LinkTarget, new FileInfo(Path.Combine(copy, "bin", name!)).LinkTarget);
        TreeSnapshot.Of(original, includeJournal: true).AssertSameAs(originalBefore, "the original is never written");

        var undone = service.Undo(copy, null, null, CancellationToken.None);

        Assert.NotNull(undone.Undone);
        TreeSnapshot.Of(copy, includeJournal: true).AssertSameAs(copyBefore, "undo restores the copy as cp made it, links as links");
    }

    private static IEnumerable<string> Links(string root) =>
        Directory.EnumerateFileSystemEntries(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Where(p => new FileInfo(p).LinkTarget is not null);
}
