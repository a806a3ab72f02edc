using VenvDoctor.Core.Anatomy;

namespace VenvDoctor.Core.Tests.Windows;

/// <summary>Windows path text read the same on any host: drive letters, UNC, <c>\\?\</c>, either slash, case.</summary>
public sealed class WindowsPathsTests
{
    [Theory]
    [InlineData(@"c:\Users\Me\", @"C:\Users\Me")]
    [InlineData(@"C:/Users//me/.venv", @"C:\Users\me\.venv")]
    [InlineData(@"\\?\C:\Users\me", @"C:\Users\me")]
    [InlineData(@"\\?\UNC\server\share\env", @"\\server\share\env")]
    [InlineData(@"//server/share/env/", @"\\server\share\env")]
    [InlineData(@"C:\", @"C:\")]
    [InlineData(@"Z:\tmp\w\.venv", @"Z:\tmp\w\.venv")]
    public void Normalize_gives_the_form_windows_compares(string path, string expected) => Assert.Equal(expected, WindowsPaths.Normalize(path));

    [Theory]
    [InlineData(@"C:\Users\me\proj\.venv", @"c:\users\ME\PROJ\.VENV", true)]
    [InlineData(@"\\?\C:\p\.venv", @"C:/p/.venv/", true)]
    [InlineData(@"\\?\UNC\srv\share\v", @"\\SRV\share\v", true)]
    [InlineData(@"C:\p\.venv", @"D:\p\.venv", false)]
    [InlineData(@"C:\p\.venv", @"C:\p\.venv2", false)]
    public void SamePath_ignores_case_and_spelling(string a, string b, bool same) => Assert.Equal(same, WindowsPaths.SamePath(a, b));

    [Theory]
    [InlineData(@"C:\Old\Proj\.venv\Scripts\python.exe", @"c:\old\proj\.venv", @"D:\new\.venv", @"D:\new\.venv\Scripts\python.exe")]
    [InlineData(@"C:/Old/Proj/.venv/Scripts/python.exe", @"C:\Old\Proj\.venv", @"D:\new\.venv", @"D:\new\.venv/Scripts/python.exe")]
    [InlineData(@"\\?\C:\old\.venv\Lib", @"C:\old\.venv", @"E:\x", @"E:\x\Lib")]
    [InlineData(@"\\srv\share\old\.venv\Scripts", @"\\SRV\share\old\.venv", @"\\srv\share\new", @"\\srv\share\new\Scripts")]
    [InlineData(@"C:\old\.venv", @"C:\old\.venv", @"D:\n", @"D:\n")]
    public void Rebase_keeps_what_follows_as_written(string path, string from, string to, string expected) =>
        Assert.Equal(expected, WindowsPaths.Rebase(path, from, to));

    [Theory]
    [InlineData(@"C:\old\.venv2\x", @"C:\old\.venv")]
    [InlineData(@"C:\anything", @"C:\")]
    [InlineData(@"D:\old\.venv", @"C:\old\.venv")]
    public void Rebase_refuses_what_is_not_below_or_a_root(string path, string from) => Assert.Null(WindowsPaths.Rebase(path, from, @"E:\n"));

    [Theory]
    [InlineData(@"C:\x", true)]
    [InlineData(@"c:/x", true)]
    [InlineData(@"\\server\share", true)]
    [InlineData(@"\\?\C:\x", true)]
    [InlineData(@"C:x", false)]
    [InlineData(@"/usr/bin", false)]
    public void IsAbsolute_knows_every_windows_form(string path, bool absolute) => Assert.Equal(absolute, WindowsPaths.IsAbsolute(path));
}
