using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace VenvDoctor.Core.Tests.Repair;

/// <summary>
/// Builds a real, minimal wheel (PEP 427) with one module and one console script, so tests can pip-install
/// packages with no index and no build backend on the machine. <c>binaries</c> adds compiled files (paths inside
/// the wheel → bytes), for packages with extension modules.
/// </summary>
public static class TinyWheel
{
    public static string Build(string folder, string name, string version, IReadOnlyDictionary<string, byte[]>? binaries = null)
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
        var contents = files.ToDictionary(f => f.Key, f => Encoding.UTF8.GetBytes(f.Value));
        foreach (var (path, bytes) in binaries ?? new Dictionary<string, byte[]>()) contents[path] = bytes;
        var record = new StringBuilder();
        foreach (var (path, bytes) in contents)
        {
            var hash = Convert.ToBase64String(SHA256.HashData(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            record.Append($"{path},sha256={hash},{bytes.Length}\n");
        }
        record.Append($"{distInfo}/RECORD,,\n");
        contents[$"{distInfo}/RECORD"] = Encoding.UTF8.GetBytes(record.ToString());
        var wheel = Path.Combine(folder, $"{name}-{version}-py3-none-any.whl");
        using var zip = ZipFile.Open(wheel, ZipArchiveMode.Create);
        foreach (var (path, bytes) in contents)
        {
            using var s = zip.CreateEntry(path).Open();
            s.Write(bytes);
        }
        return wheel;
    }
}
