using VenvDoctor.Core.Diagnosis.Rules;
using VenvDoctor.Core.Discovery.Inventory;
using VenvDoctor.Core.Model;

namespace VenvDoctor.Core.Tests.Discovery;

/// <summary>The text recognition of folders a package manager replaces, for both OSes' layouts, on any host.</summary>
public class VersionedBaseFoldersTests
{
    [Theory]
    // python -m venv from Homebrew's python3.12 on Apple silicon (framework build inside the keg)
    [InlineData("/opt/homebrew/Cellar/python@3.12/3.12.1/Frameworks/Python.framework/Versions/3.12/bin", "/opt/homebrew", "python@3.12", "3.12.1", "3.12")]
    // Intel Macs' prefix, a revision suffix, an interpreter path
    [InlineData("/usr/local/Cellar/python@3.11/3.11.9_1/bin/python3.11", "/usr/local", "python@3.11", "3.11.9_1", "3.11")]
    // Homebrew on Linux, the keg itself
    [InlineData("/home/linuxbrew/.linuxbrew/Cellar/python@3.13/3.13.0", "/home/linuxbrew/.linuxbrew", "python@3.13", "3.13.0", "3.13")]
    // the old unversioned formula (until 2019): the minor comes from the keg's version
    [InlineData("/usr/local/Cellar/python/3.7.4/bin", "/usr/local", "python", "3.7.4", "3.7")]
    public void Recognises_homebrew_kegs_and_names_the_opt_path_of_the_same_formula(string path, string prefix, string formula, string version, string minor)
    {
        var found = VersionedBaseFolders.Find(path);

        Assert.NotNull(found);
        Assert.Equal(VersionedBaseManager.Homebrew, found.Manager);
        Assert.Equal($"{prefix}/Cellar/{formula}/{version}", found.Folder);
        Assert.Equal(minor, found.Minor);
        Assert.Equal(version, found.FolderVersion);
        Assert.Equal($"{prefix}/opt/{formula}/bin", found.StableFolder);
    }

    [Theory]
    [InlineData(@"C:\Program Files\WindowsApps\PythonSoftwareFoundation.Python.3.12_3.12.2032.0_x64__qbz5n2kfra8p0", "3.12", "3.12.2032.0")]
    [InlineData(@"C:\Program Files\WindowsApps\PythonSoftwareFoundation.Python.3.9_3.9.3568.0_x64__qbz5n2kfra8p0\python3.9.exe", "3.9", "3.9.3568.0")]
    // case-insensitive (NTFS), forward slashes, arm64 packages
    [InlineData(@"c:/program files/windowsapps/PythonSoftwareFoundation.Python.3.13_3.13.1264.0_arm64__qbz5n2kfra8p0/", "3.13", "3.13.1264.0")]
    public void Recognises_the_stores_versioned_package_folder(string path, string minor, string version)
    {
        var found = VersionedBaseFolders.Find(path);

        Assert.NotNull(found);
        Assert.Equal(VersionedBaseManager.Store, found.Manager);
        Assert.Equal(minor, found.Minor);
        Assert.Equal(version, found.FolderVersion);
        Assert.EndsWith($"__qbz5n2kfra8p0", found.Folder);
        Assert.Null(found.StableFolder);
        Assert.Equal($"PythonSoftwareFoundation.Python.{minor}_qbz5n2kfra8p0", VersionedBaseFolders.StoreAliasFolderName(minor));
    }

    [Theory]
    [InlineData("/opt/homebrew/opt/python@3.12/bin")] // the stable path itself
    [InlineData("/opt/homebrew/bin")]
    [InlineData("/home/me/.pyenv/versions/3.12.1/bin")]
    [InlineData("/Library/Frameworks/Python.framework/Versions/3.12/bin")]
    [InlineData("/opt/homebrew/Cellar/pyenv/2.4.0/libexec")] // another formula's keg
    [InlineData(@"C:\Users\me\AppData\Local\Microsoft\WindowsApps\PythonSoftwareFoundation.Python.3.12_qbz5n2kfra8p0")] // the alias folder
    [InlineData(@"C:\Program Files\WindowsApps\SomeoneElse.Python.3.12_3.12.1.0_x64__abcdefghijklm")]
    [InlineData(@"C:\Users\me\AppData\Local\Programs\Python\Python312")]
    [InlineData("")]
    public void Leaves_stable_and_other_paths_alone(string path) => Assert.Null(VersionedBaseFolders.Find(path));

    [Fact]
    public void The_stores_stable_interpreter_is_the_alias_of_the_same_minor_the_inventory_found()
    {
        var folder = VersionedBaseFolders.Find(@"C:\Program Files\WindowsApps\PythonSoftwareFoundation.Python.3.12_3.12.2032.0_x64__qbz5n2kfra8p0")!;
        const string alias312 = @"C:\Users\me\AppData\Local\Microsoft\WindowsApps\PythonSoftwareFoundation.Python.3.12_qbz5n2kfra8p0\python.exe";
        const string alias313 = @"C:\Users\me\AppData\Local\Microsoft\WindowsApps\PythonSoftwareFoundation.Python.3.13_qbz5n2kfra8p0\python.exe";
        BaseInterpreter[] interpreters =
        [
            new(@"C:\Users\me\AppData\Local\Programs\Python\Python312\python.exe", "3.12.7", "python.org", @"C:\Users\me\AppData\Local\Programs\Python\Python312"),
            new(alias313, "3.13", "store", null),
            new(alias312, "3.12", "store", null),
        ];

        Assert.Equal(alias312, BaseVersionedFolderRule.StableExecutable(folder, interpreters));
        Assert.Null(BaseVersionedFolderRule.StableExecutable(folder, interpreters[..2]));
        Assert.Equal("3.12", VersionedBaseFolders.StoreAliasMinor(alias312));
        Assert.Null(VersionedBaseFolders.StoreAliasMinor(interpreters[0].Executable));
    }
}

/// <summary>Suggested bases: an old Homebrew keg is never chosen over a stable base of the same minor.</summary>
public class BaseChoiceTests
{
    private static BaseInterpreter Base(string executable, string version) => new(executable, version, "homebrew", null);

    [Fact]
    public void A_stable_base_of_the_same_minor_wins_over_a_keg_of_the_exact_patch()
    {
        var keg = Base("/opt/homebrew/Cellar/python@3.12/3.12.1/bin/python3.12", "3.12.1");
        var opt = Base("/opt/homebrew/opt/python@3.12/bin/python3.12", "3.12.4");
        var other = Base("/opt/homebrew/opt/python@3.13/bin/python3.13", "3.13.0");

        Assert.Equal(opt, VenvDoctor.Core.Diagnosis.BaseChoice.SameMinor([keg, opt, other], "3.12.1"));
        Assert.Equal(opt, VenvDoctor.Core.Diagnosis.BaseChoice.SameMinor([keg, opt], "3.12.4"));
        // Only a keg: it is still the answer (better than nothing; base-versioned-folder will say so after the relink).
        Assert.Equal(keg, VenvDoctor.Core.Diagnosis.BaseChoice.SameMinor([keg, other], "3.12.1"));
        Assert.Equal(other, VenvDoctor.Core.Diagnosis.BaseChoice.SameMinorOrNewest([Base("/usr/local/Cellar/python@3.14/3.14.0/bin/python3.14", "3.14.0"), other], "3.9.1"));
    }
}
