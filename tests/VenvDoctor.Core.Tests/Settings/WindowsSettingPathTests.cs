using VenvDoctor.Core.Settings;

namespace VenvDoctor.Core.Tests.Settings;

/// <summary>
/// python.defaultInterpreterPath as a Windows user has it, read and written by the sidecar's one expander and one
/// writer of that value, on any host: drive letters, either separator, <c>${workspaceFolder}</c> relative forms,
/// <c>~</c>, <c>${env:…}</c>, UNC and <c>\\?\</c> paths, and names compared without regard to case.
/// </summary>
public sealed class WindowsSettingPathTests
{
    private const string Folder = @"C:\Users\me\Work\proj";
    private const string Home = @"C:\Users\me";
    private static readonly Dictionary<string, string?> Env = new() { ["LOCALAPPDATA"] = @"C:\Users\me\AppData\Local" };

    private static string Expand(string value, string folder = Folder) =>
        SettingVariables.Expand(value, folder, SettingPathStyle.Windows, Env.GetValueOrDefault, Home);

    [Theory]
    [InlineData(@"${workspaceFolder}\.venv\Scripts\python.exe", @"C:\Users\me\Work\proj\.venv\Scripts\python.exe")]
    [InlineData("${workspaceFolder}/.venv/Scripts/python.exe", @"C:\Users\me\Work\proj\.venv\Scripts\python.exe")]
    [InlineData(@"${workspaceRoot}\.venv\Scripts\python.exe", @"C:\Users\me\Work\proj\.venv\Scripts\python.exe")]
    [InlineData(@".venv\Scripts\python.exe", @"C:\Users\me\Work\proj\.venv\Scripts\python.exe")]
    [InlineData(@"..\shared\.venv\.\Scripts\python.exe", @"C:\Users\me\Work\shared\.venv\Scripts\python.exe")]
    [InlineData(@"~\envs\api\Scripts\python.exe", @"C:\Users\me\envs\api\Scripts\python.exe")]
    [InlineData(@"${userHome}\envs\api\Scripts\python.exe", @"C:\Users\me\envs\api\Scripts\python.exe")]
    [InlineData(@"${env:LOCALAPPDATA}\Programs\Python\Python312\python.exe", @"C:\Users\me\AppData\Local\Programs\Python\Python312\python.exe")]
    [InlineData(@"d:/Python312/python.exe", @"d:\Python312\python.exe")]
    [InlineData(@"\Python312\python.exe", @"C:\Python312\python.exe")]
    [InlineData(@"\\server\share\envs\..\py\python.exe", @"\\server\share\py\python.exe")]
    [InlineData(@"\\?\C:\very\long\..\path\python.exe", @"\\?\C:\very\long\..\path\python.exe")]
    public void A_Windows_value_expands_to_the_interpreter_it_names(string value, string expected) =>
        Assert.Equal(expected, Expand(value));

    [Theory]
    [InlineData(@"C:\Users\me\Work\proj\.venv\Scripts\python.exe", Folder, @"${workspaceFolder}\.venv\Scripts\python.exe")]
    [InlineData(@"C:\Users\me\Work\proj\.venv\Scripts\python.exe", @"c:\users\ME\work\proj\", @"${workspaceFolder}\.venv\Scripts\python.exe")]
    [InlineData(@"C:\Users\me\Work\proj\services\api\.venv\Scripts\python.exe", Folder, @"${workspaceFolder}\services\api\.venv\Scripts\python.exe")]
    [InlineData(@"C:\Users\me\Work\proj2\.venv\Scripts\python.exe", Folder, @"C:\Users\me\Work\proj2\.venv\Scripts\python.exe")]
    [InlineData(@"C:\Python312\python.exe", Folder, @"C:\Python312\python.exe")]
    [InlineData(@"D:\Users\me\Work\proj\.venv\Scripts\python.exe", Folder, @"D:\Users\me\Work\proj\.venv\Scripts\python.exe")]
    public void Written_on_Windows_an_interpreter_inside_the_folder_is_relative_to_it_and_others_stay_absolute(string interpreter, string folder, string written) =>
        Assert.Equal(written, SettingValue.For(interpreter, folder, SettingPathStyle.Windows));

    [Fact]
    public void A_code_workspace_file_and_a_posix_host_get_the_absolute_path()
    {
        Assert.Equal(@"C:\w\.venv\Scripts\python.exe", SettingValue.For(@"C:\w\.venv\Scripts\python.exe", null, SettingPathStyle.Windows));
        Assert.Equal("/w/.venv/bin/python", SettingValue.For("/w/.venv/bin/python", "/w", SettingPathStyle.Posix));
    }

    [Theory]
    [InlineData(@"C:\Users\me\Work\proj\.venv\Scripts\python.exe")]
    [InlineData(@"C:\Users\me\Work\proj\a b\it's\.venv\Scripts\python.exe")]
    [InlineData(@"C:\Users\me\Work\other\.venv\Scripts\python.exe")]
    [InlineData(@"\\server\share\py\python.exe")]
    public void What_is_written_expands_back_to_the_same_interpreter(string interpreter)
    {
        foreach (var folder in new[] { Folder, @"c:\users\me\work\PROJ" })
        {
            var written = SettingValue.For(interpreter, folder, SettingPathStyle.Windows);
            Assert.Equal(interpreter, Expand(written, folder), ignoreCase: true);
        }
    }
}
