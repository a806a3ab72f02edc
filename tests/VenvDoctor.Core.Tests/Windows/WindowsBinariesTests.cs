using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Anatomy.Native;
using VenvDoctor.Core.Tests.Support;

namespace VenvDoctor.Core.Tests.Windows;

/// <summary>
/// PE machines read from real PE files (distlib's launchers for x64, arm64 and x86), Windows module tags, and what a
/// Windows base folder says (its python.exe, its pythonXY.dll, its Lib\encodings). File format only.
/// </summary>
public sealed class WindowsBinariesTests
{
    [WindowsVenvFact]
    public void Pe_machine_is_read_from_real_launchers()
    {
        var distlib = WindowsVenvs.DistlibOf(WindowsVenvs.Makers[^1])!;
        Assert.Equal(["x86_64"], BinaryHeaders.Read(Path.Combine(distlib, "t64.exe"))!.Machines);
        Assert.Equal(["aarch64"], BinaryHeaders.Read(Path.Combine(distlib, "t64-arm.exe"))!.Machines);
        Assert.Equal(["i386"], BinaryHeaders.Read(Path.Combine(distlib, "t32.exe"))!.Machines);
        Assert.All(new[] { "t64.exe", "w64.exe" }, f => Assert.Equal(BinaryFormat.Pe, BinaryHeaders.Read(Path.Combine(distlib, f))!.Format));
    }

    [Theory]
    [InlineData("x86_64", "win_amd64")]
    [InlineData("aarch64", "win_arm64")]
    [InlineData("i386", "win32")]
    public void A_pe_interpreter_expects_its_windows_tag(string machine, string platform)
    {
        var host = new HostPlatform(BinaryFormat.Pe, machine, null);
        Assert.Equal(platform, host.WindowsTagPlatform);
        Assert.Equal($"cp312-{platform}", ExtensionTag.Expected("3.12", false, host.WindowsTagPlatform));
        Assert.Equal($"cp313t-{platform}", ExtensionTag.Expected("3.13", true, host.WindowsTagPlatform));
        Assert.Null(new HostPlatform(BinaryFormat.Elf, machine, "glibc").WindowsTagPlatform);
    }

    [Theory]
    [InlineData("_speedups.cp312-win_amd64.pyd", "3.12", "", "win_amd64")]
    [InlineData("_core.cp313t-win_arm64.pyd", "3.13", "t", "win_arm64")]
    [InlineData("_old.cp38-win32.pyd", "3.8", "", "win32")]
    public void Windows_module_tags_are_read(string name, string minor, string flags, string platform)
    {
        var tag = ExtensionTag.Of(name)!;
        Assert.Equal((minor, flags, platform), (tag.Minor, tag.Flags, tag.Platform));
    }

    [WindowsVenvFact]
    public void A_windows_base_folder_says_its_version_by_its_dll()
    {
        using var tmp = new TempDir("vd-winbase");
        var home = tmp.Combine("Python313");
        Directory.CreateDirectory(Path.Combine(home, "Lib", "encodings"));
        File.Copy(Path.Combine(WindowsVenvs.DistlibOf(WindowsVenvs.Makers[^1])!, "t64.exe"), Path.Combine(home, "python.exe"));
        File.WriteAllBytes(Path.Combine(home, "python313.dll"), []);
        File.WriteAllBytes(Path.Combine(home, "python3.dll"), []);
        var found = WindowsBase.Read(home);
        Assert.True(found.HomeExists && found.HasPythonExe && found.StdlibPresent);
        Assert.Equal("3.13", found.DllMinor);

        File.WriteAllBytes(Path.Combine(home, "python312.dll"), []);
        Assert.Null(WindowsBase.Read(home).DllMinor);
        Directory.Delete(Path.Combine(home, "Lib"), recursive: true);
        Assert.False(WindowsBase.Read(home).StdlibPresent);
        Assert.False(WindowsBase.Read(tmp.Combine("Python311")).HomeExists);
    }
}
