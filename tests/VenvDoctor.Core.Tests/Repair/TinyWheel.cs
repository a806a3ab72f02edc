using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace VenvDoctor.Core.Tests.Repair;

/// <summary>
/// Builds a real, minimal wheel (PEP 427) with one module and one console script, so tests can pip-install
/// packages with no index and no build backend on the machine.
/// </summary>
public static class TinyWheel
{
    public static string Build(string folder, string name, string version)
    {
        Directory.CreateDirectory(folder);
        var distInfo = $"{name}-{version}.dist-info";
        var files = new Dictionary<string, string>
        {
            [$"{name}/__init__.py"] = $"def main():\n    print('{name} {version} ok')\n",
            [$"{distInfo}/METADATA"] = $"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n",
            [$"{distInfo}/WHEEL"] = "Wheel-Version: 1.0\nGenerator: venv-doctor-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
            [$"{distInfo}/entry_points.txt"] = $"[console_scripts]\n{name} = {name}:main\n",
        };
        var record = new StringBuilder();
        foreach (var (path, text) in files)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            var hash = Convert.ToBase64String(SHA256.HashData(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            record.Append($"{path},sha256={hash},{bytes.Length}\n");
        }
        record.Append($"{distInfo}/RECORD,,\n");
        files[$"{distInfo}/RECORD"] = record.ToString();
        var wheel = Path.Combine(folder, $"{name}-{version}-py3-none-any.whl");
        using var zip = ZipFile.Open(wheel, ZipArchiveMode.Create);
        foreach (var (path, text) in files)
        {
            using var s = zip.CreateEntry(path).Open();
            s.Write(Encoding.UTF8.GetBytes(text));
        }
        return wheel;
    }
}
