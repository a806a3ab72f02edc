using VenvDoctor.Core.Anatomy;
using VenvDoctor.Core.Tests.Support;

namespace VenvDoctor.Core.Tests.Anatomy;

public class EditableInstallTests
{
    [Fact]
    public void Reads_every_editable_record_with_spans()
    {
        using var tmp = new TempDir();
        var site = tmp.Combine("site-packages");
        Directory.CreateDirectory(site);
        File.WriteAllText(Path.Combine(site, "__editable__.srcpkg-1.0.pth"), "/home/me/src pkg/src\n");
        File.WriteAllText(Path.Combine(site, "__editable__.flat_pkg-2.0.pth"), "import __editable___flat_pkg_2_0_finder; __editable___flat_pkg_2_0_finder.install()\n");
        var finder = "import sys\nMAPPING: dict[str, str] = {'flat_pkg': \"/home/me/it's/flat_pkg\", 'other': '/o'}\nNAMESPACES = {}\n";
        File.WriteAllText(Path.Combine(site, "__editable___flat_pkg_2_0_finder.py"), finder);
        File.WriteAllText(Path.Combine(site, "legacy.egg-link"), "/home/me/legacy\n../\n");
        File.WriteAllText(Path.Combine(site, "easy-install.pth"), "/home/me/legacy\n");
        var info = Path.Combine(site, "srcpkg-1.0.dist-info");
        Directory.CreateDirectory(info);
        File.WriteAllText(Path.Combine(info, "direct_url.json"), "{\"dir_info\": {\"editable\": true}, \"url\": \"file:///home/me/src%20pkg\"}");
        var notEditable = Path.Combine(site, "wheel-1.0.dist-info");
        Directory.CreateDirectory(notEditable);
        File.WriteAllText(Path.Combine(notEditable, "direct_url.json"), "{\"archive_info\": {}, \"url\": \"file:///tmp/wheel.whl\"}");

        var found = EditableInstalls.Read(site);

        Assert.Contains(found, e => e.Distribution == "srcpkg" && e.Path.Kind == RecordKind.EditablePth && e.Path.Value == "/home/me/src pkg/src");
        Assert.Contains(found, e => e.Distribution == "flat_pkg" && e.Path.Kind == RecordKind.EditableFinderMapping && e.Path.Value == "/home/me/it's/flat_pkg" && e.Path.Line == 2);
        Assert.Contains(found, e => e.Path.Kind == RecordKind.EditableFinderMapping && e.Path.Value == "/o");
        Assert.Contains(found, e => e.Distribution == "legacy" && e.Path.Kind == RecordKind.EggLink && e.Path.Value == "/home/me/legacy");
        Assert.Contains(found, e => e.Path.Kind == RecordKind.EasyInstallPth && e.Path.Value == "/home/me/legacy");
        Assert.Contains(found, e => e.Distribution == "srcpkg" && e.Path.Kind == RecordKind.DirectUrl && e.Path.Value == "/home/me/src pkg");
        Assert.DoesNotContain(found, e => e.Path.Value.Contains("wheel"));
        Assert.DoesNotContain(found, e => e.Path.Value.StartsWith("import"));
        foreach (var e in found.Where(e => e.Path.Format != RecordedPathFormats.FileUrl))
            Assert.Equal(File.ReadAllText(e.Path.File).Substring(e.Path.Start, e.Path.Length), RecordedPathFormats.Encode(e.Path.Format, e.Path.Value));
        var url = found.Single(e => e.Path.Kind == RecordKind.DirectUrl).Path;
        Assert.Equal("file:///home/me/src%20pkg", File.ReadAllText(url.File).Substring(url.Start, url.Length));
    }
}
