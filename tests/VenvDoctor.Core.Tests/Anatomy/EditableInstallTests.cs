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

    [Fact]
    public void A_finder_is_named_after_the_distribution_its_placeholder_names_not_its_mangled_file_name()
    {
        // setuptools 66 for name = "Py-3D.Tools", version 2.0.1: the file name cannot tell "Py" + "3D_Tools_2_0_1"
        // from "Py_3D_Tools" + "2_0_1"; the placeholder inside keeps the "-" between name and version.
        using var tmp = new TempDir();
        var site = tmp.Combine("site-packages");
        Directory.CreateDirectory(site);
        File.WriteAllText(Path.Combine(site, "__editable___Py_3D_Tools_2_0_1_finder.py"),
            "import sys\n\nMAPPING = {'py3d_pkg': '/home/me/p3d/py3d_pkg'}\nNAMESPACES = {}\nPATH_PLACEHOLDER = '__editable__.Py_3D.Tools-2.0.1.finder' + \".__path_hook__\"\n");
        // Without the placeholder (a hand-made or older finder) the file name is all there is.
        File.WriteAllText(Path.Combine(site, "__editable___plain_pkg_1_0_finder.py"), "MAPPING = {'plain_pkg': '/home/me/plain/plain_pkg'}\n");

        var found = EditableInstalls.Read(site);

        Assert.Equal("Py_3D.Tools", Assert.Single(found, e => e.Path.Value == "/home/me/p3d/py3d_pkg").Distribution);
        Assert.Equal("plain_pkg", Assert.Single(found, e => e.Path.Value == "/home/me/plain/plain_pkg").Distribution);
    }
}
