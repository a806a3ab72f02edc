using System.Security.Cryptography;
using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Model;
using VenvDoctor.Core.Repair;
using VenvDoctor.Core.Repair.Rewriting;
using VenvDoctor.Core.Tests.Support;

namespace VenvDoctor.Core.Tests.Repair;

/// <summary>
/// A repair lists every file it leaves as it was, with the reason, and calls the environment ok only when a fresh
/// diagnosis after it agrees: a moved real venv with a symlinked activation script, a script whose name is not UTF-8,
/// and one over the size cap.
/// </summary>
public sealed class HonestResultTests
{
    private const string NonUtf8Name = "caf\\xE9";

    [PythonFact]
    public async Task A_symlinked_activation_script_is_left_and_named_and_the_environment_is_not_called_ok()
    {
        using var tmp = new TempDir();
        var (moved, original) = MovedVenv(tmp);
        var shared = tmp.Combine("shared-activate");
        File.Move(Path.Combine(moved, "bin", "activate"), shared);
        File.CreateSymbolicLink(Path.Combine(moved, "bin", "activate"), shared);
        var sharedHash = Hash(shared);
        // Read through the link: the script still names the old place, so diagnosis says so.
        Assert.Contains(EnvironmentFactsReader.Read(moved).ActivationScripts, a => a.File.EndsWith("/bin/activate") && a.Paths.Any(p => p.Value == original));

        var outcome = await RepairTestServices.Build().ApplyAsync(new RepairRequest(moved) { Action = RepairActions.Relocate }, null, CancellationToken.None);

        var left = Assert.Single(outcome.Plan.Left);
        Assert.Equal(Path.Combine(moved, "bin", "activate"), left.Path);
        Assert.Contains("symlink", left.Reason);
        Assert.Equal(sharedHash, Hash(shared)); // never written through
        Assert.True(new FileInfo(Path.Combine(moved, "bin", "activate")).LinkTarget is not null);
        Assert.NotEqual(Health.Ok, outcome.Diagnosis.Health);
        Assert.Contains(outcome.Diagnosis.Findings, f => f.Code == FindingCodes.Moved && f.Data["recordedPath"] == original);
    }

    [PythonFact]
    public async Task A_script_whose_name_is_not_utf8_is_read_by_its_bytes_left_and_named()
    {
        using var tmp = new TempDir();
        var (moved, original) = MovedVenv(tmp);
        // .NET names are strings: bash makes the name with the byte 0xE9.
        Run.Checked("bash", "-c", "printf '#!%s/bin/python\\nprint(1)\\n' \"$2\" > \"$1\"/bin/$'caf\\xe9'", "_", moved, original);

        var facts = EnvironmentFactsReader.Read(moved);
        var script = Assert.Single(facts.ConsoleScripts, s => s.NameNotUtf8);
        Assert.Equal(Path.Combine(moved, "bin", NonUtf8Name), script.File);
        Assert.Equal(original + "/bin/python", script.Interpreter?.Value);

        var outcome = await RepairTestServices.Build().ApplyAsync(new RepairRequest(moved) { Action = RepairActions.Relocate }, null, CancellationToken.None);

        var left = Assert.Single(outcome.Plan.Left);
        Assert.Equal(script.File, left.Path);
        Assert.Contains("not valid UTF-8", left.Reason);
        Assert.True(outcome.Applied.EditsApplied > 0); // the other files were rewritten
        var head = Run.Checked("bash", "-c", "head -1 \"$1\"/bin/$'caf\\xe9'", "_", moved).StdOut;
        Assert.Equal($"#!{original}/bin/python\n", head);
        Assert.Equal(Health.Broken, outcome.Diagnosis.Health);
        Assert.Contains(outcome.Diagnosis.Findings, f => f.Code == FindingCodes.Moved && f.Data["records"] == "1");
    }

    [PythonFact]
    public void A_script_over_the_size_cap_is_left_and_named()
    {
        using var tmp = new TempDir();
        var (moved, original) = MovedVenv(tmp);
        var big = Path.Combine(moved, "bin", "big-tool");
        using (var fs = File.Create(big))
        {
            fs.Write(System.Text.Encoding.UTF8.GetBytes($"#!{original}/bin/python\nprint(1)\n"));
            var padding = System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("# padding line\n", 1 << 16)));
            while (fs.Length <= TextFile.MaxBytes) fs.Write(padding); // text past the cap a repair edits as text
        }

        var plan = RepairTestServices.Build().Plan(new RepairRequest(moved) { Action = RepairActions.Relocate }, CancellationToken.None);

        var left = Assert.Single(plan.Left);
        Assert.Equal(big, left.Path);
        Assert.Contains($"over the {TextFile.MaxBytes >> 20} MiB", left.Reason);
        Assert.DoesNotContain(plan.Edits, e => e.Path == big);
    }

    [PythonFact]
    public async Task A_relocate_that_leaves_nothing_is_ok_and_lists_nothing()
    {
        using var tmp = new TempDir();
        var (moved, _) = MovedVenv(tmp);
        var outcome = await RepairTestServices.Build().ApplyAsync(new RepairRequest(moved) { Action = RepairActions.Relocate }, null, CancellationToken.None);
        Assert.Empty(outcome.Plan.Left);
        Assert.Equal(Health.Ok, outcome.Diagnosis.Health);
    }

    /// <summary>A real venv with a console script, moved: (where it is now, where its files say it is).</summary>
    private static (string Moved, string Original) MovedVenv(TempDir tmp)
    {
        var original = Venvs.Create(Pythons.Any!, tmp.Combine("original"));
        Venvs.WriteConsoleScript(original, "tool", Path.Combine(original, "bin", "python"));
        var moved = tmp.Combine("moved");
        Directory.Move(original, moved);
        return (moved, original);
    }

    private static string Hash(string file) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)));
}
