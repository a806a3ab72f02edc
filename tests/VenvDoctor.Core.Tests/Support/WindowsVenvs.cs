using System.Text.Json;

namespace VenvDoctor.Core.Tests.Support;

/// <summary>A console script to make with distlib's Windows launcher (or, with <see cref="Launcher"/> false, a <c>-script.py</c>).</summary>
public sealed record WindowsScript(string Entry, bool Gui = false, bool Launcher = true, string? Rename = null, string? Interpreter = null, string Bits = "64");

/// <summary>A Windows venv laid out on this disk, recording <see cref="RecordedDir"/> (Windows path text) as its place.</summary>
public sealed record WindowsVenv(string Path, string RecordedDir, string BaseExecutable, PythonInstall MadeBy, IReadOnlyList<string> Templates, IReadOnlyList<string> Skipped)
{
    public string Scripts => System.IO.Path.Combine(Path, "Scripts");
    public string Script(string name) => System.IO.Path.Combine(Scripts, name);
}

/// <summary>
/// Lays out a Windows venv in a folder the way CPython and pip make one on Windows, with no Windows machine: the real
/// CPython found at run time runs its own <c>venv.EnvBuilder.create_configuration</c> (pyvenv.cfg) and
/// <c>replace_variables</c> (its <c>venv/scripts/common</c> and, where the install has them, <c>nt</c> templates) with
/// Windows answers (<c>os.name == 'nt'</c>, <c>ntpath</c>), and pip's distlib <c>ScriptMaker</c> in Windows mode writes
/// the <c>.exe</c> launchers (its own <c>t64.exe</c>/<c>w64.exe</c> bytes). <c>Scripts\python.exe</c> and
/// <c>pythonw.exe</c> are copies of a real PE (distlib's launchers stand in for CPython's venvlauncher). virtualenv's
/// Windows activators come from the real virtualenv on this machine. File format only: nothing here runs on Windows.
/// </summary>
public static class WindowsVenvs
{
    /// <summary>CPython installs that can lay one out (3.8+, with pip's distlib).</summary>
    public static IReadOnlyList<PythonInstall> Makers => Pythons.WithVenv.Where(p => p.Source == "pyenv" && DistlibOf(p) is not null).ToList();

    /// <summary>The folder of distlib bundled in an install's pip (t64.exe etc.), or null.</summary>
    public static string? DistlibOf(PythonInstall python)
    {
        var lib = System.IO.Path.GetDirectoryName(System.IO.Path.GetDirectoryName(python.Executable))!;
        var dir = System.IO.Path.Combine(lib, "lib", $"python{python.Minor}", "site-packages", "pip", "_vendor", "distlib");
        return File.Exists(System.IO.Path.Combine(dir, "t64.exe")) ? dir : null;
    }

    /// <summary>
    /// Makes the layout in <paramref name="folder"/> (created), recording <paramref name="recordedDir"/> as the venv's
    /// place and <paramref name="baseExecutable"/> as its base; <c>pip.exe</c> by default.
    /// </summary>
    public static WindowsVenv Make(PythonInstall python, string folder, string recordedDir, string baseExecutable, params WindowsScript[] scripts)
    {
        if (scripts.Length == 0) scripts = [new WindowsScript("pip = pip._internal.cli.main:main")];
        var spec = JsonSerializer.Serialize(scripts.Select(s => new Dictionary<string, object?>
        {
            ["entry"] = s.Entry, ["gui"] = s.Gui, ["launcher"] = s.Launcher, ["rename"] = s.Rename, ["interpreter"] = s.Interpreter, ["bits"] = s.Bits,
        }));
        var result = RunScript(python.Executable, CPythonLayout, folder, recordedDir, baseExecutable, spec);
        return new WindowsVenv(folder, recordedDir, baseExecutable, python, Strings(result, "templates"), Strings(result, "skipped"));
    }

    /// <summary>
    /// Writes virtualenv's Windows activation scripts (activate.bat, deactivate.bat, activate.ps1, activate, activate.fish,
    /// activate.nu) for <paramref name="recordedDir"/> into <paramref name="folder"/>\Scripts, with the real virtualenv of
    /// this machine; the names written, or null when no virtualenv is installed.
    /// </summary>
    public static IReadOnlyList<string>? AddVirtualenvActivators(string folder, string recordedDir)
    {
        const string python = "/usr/bin/python3";
        if (!File.Exists(python) || Run.Process(python, ["-c", "import virtualenv.activation"]).ExitCode != 0) return null;
        return Strings(RunScript(python, VirtualenvActivators, folder, recordedDir), "templates");
    }

    private static JsonElement RunScript(string python, string script, params string[] args)
    {
        using var file = new TempFile(script);
        var r = Run.Process(python, [file.Path, .. args], environment: new Dictionary<string, string?> { ["PYTHONDONTWRITEBYTECODE"] = "1" });
        if (r.ExitCode != 0) throw new InvalidOperationException($"{python} could not lay out a Windows venv: {r.StdErr}");
        return JsonDocument.Parse(r.StdOut).RootElement.Clone();
    }

    private static List<string> Strings(JsonElement e, string name) => [.. e.GetProperty(name).EnumerateArray().Select(x => x.GetString()!)];

    private sealed class TempFile : IDisposable
    {
        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"vd-winvenv-{Guid.NewGuid():N}.py");
        public TempFile(string text) => File.WriteAllText(Path, text);
        public void Dispose() => File.Delete(Path);
    }

    private const string CPythonLayout = """
        # Lays out a Windows venv the way CPython's venv and pip's distlib write one on Windows, from this interpreter's
        # own templates and launchers; paths recorded are Windows text (argv), files are written under OUT.
        import builtins, io, json, ntpath, os, sys, types, venv
        import importlib
        out, env_dir, base_exe = sys.argv[1], sys.argv[2], sys.argv[3]
        scripts = os.path.join(out, 'Scripts')
        os.makedirs(scripts, exist_ok=True)
        os.makedirs(os.path.join(out, 'Lib', 'site-packages'), exist_ok=True)
        written = {'templates': [], 'launchers': [], 'skipped': []}

        class NtOs:  # venv asks os.name / os.path: answer as Windows does
            name = 'nt'
            path = ntpath
            def __getattr__(self, attr): return getattr(os, attr)
        class NtSys:
            executable = base_exe
            def __getattr__(self, attr): return getattr(sys, attr)

        builder = venv.EnvBuilder(with_pip=True)
        context = types.SimpleNamespace(env_dir=env_dir, env_name=ntpath.basename(env_dir), prompt='(%s) ' % ntpath.basename(env_dir) if sys.version_info < (3, 9) else ntpath.basename(env_dir),
            bin_name='Scripts', env_exe=ntpath.join(env_dir, 'Scripts', 'python.exe'), python_dir=ntpath.dirname(base_exe), executable=base_exe)
        # pyvenv.cfg, written by venv's own create_configuration with Windows answers (text mode on Windows: CRLF).
        cfg = os.path.join(out, 'pyvenv.cfg')
        venv.open = lambda path, mode='r', **kw: builtins.open(cfg, mode, newline='\r\n', **kw)
        venv.os, venv.sys = NtOs(), NtSys()
        try:
            builder.create_configuration(context)
        finally:
            del venv.open
            venv.os, venv.sys = os, sys
        # Activation scripts: common/ and nt/ as install_scripts does on Windows (bytes decoded, replaced, written as bytes).
        root = os.path.join(os.path.dirname(venv.__file__), 'scripts')
        for sub in ('common', 'nt'):
            folder = os.path.join(root, sub)
            if not os.path.isdir(folder):
                written['skipped'].append(sub)
                continue
            for name in sorted(os.listdir(folder)):
                src = os.path.join(folder, name)
                if not os.path.isfile(src) or name.endswith(('.exe', '.pdb')): continue
                data = open(src, 'rb').read()
                try:
                    data = builder.replace_variables(data.decode('utf-8'), context).encode('utf-8')
                except UnicodeError:
                    pass
                open(os.path.join(scripts, name), 'wb').write(data)
                written['templates'].append(sub + '/' + name)
        # Console-script launchers, as pip's distlib writes them on Windows.
        from pip._vendor.distlib.scripts import ScriptMaker
        import pip._vendor.distlib.scripts as dscripts
        class NtNames:
            name, linesep = 'nt', '\r\n'
            def __getattr__(self, attr): return getattr(os, attr)
        dist = os.path.dirname(importlib.import_module('pip._vendor.distlib').__file__)
        for spec in json.loads(sys.argv[4]):
            maker = ScriptMaker(None, scripts, add_launchers=spec.get('launcher', True))
            maker._is_nt = True
            # distlib defines _get_launcher only when imported on Windows; this is its body, for the chosen architecture.
            bits = spec.get('bits') or '64'
            maker._get_launcher = lambda kind, bits=bits: open(os.path.join(dist, '%s%s.exe' % (kind, bits)), 'rb').read()
            # pip leaves the executable to distlib, which quotes one with a blank (enquote_executable).
            maker.executable = dscripts.enquote_executable(spec.get('interpreter') or context.env_exe)
            maker.variants = {''}
            # distlib asks os.name (shebang form) and os.linesep (line end after it) at write time: answer as Windows does.
            dscripts.os = NtNames()
            try:
                made = maker.make(spec['entry'], {'gui': spec.get('gui', False)})
            finally:
                dscripts.os = os
            if spec.get('rename'):
                os.replace(made[0], os.path.join(scripts, spec['rename']))
                made = [os.path.join(scripts, spec['rename'])]
            written['launchers'] += [os.path.basename(m) for m in made]
        # Scripts\python.exe and pythonw.exe are copies of a PE on Windows: distlib's own launcher stands in for one.
        dist = os.path.dirname(importlib.import_module('pip._vendor.distlib').__file__)
        for name, launcher in (('python.exe', 't64.exe'), ('pythonw.exe', 'w64.exe')):
            open(os.path.join(scripts, name), 'wb').write(open(os.path.join(dist, launcher), 'rb').read())
        print(json.dumps(written))
        """;

    private const string VirtualenvActivators = """
        # Renders virtualenv's own Windows activators (its templates, its replacements) for a venv at a Windows path.
        import json, os, sys, types
        from pathlib import PureWindowsPath
        import virtualenv.activation as activation
        out, env_dir = sys.argv[1], sys.argv[2]
        scripts = os.path.join(out, 'Scripts')
        os.makedirs(scripts, exist_ok=True)
        dest = PureWindowsPath(env_dir)
        creator = types.SimpleNamespace(dest=dest, bin_dir=dest / 'Scripts', env_name=dest.name, libs=[dest / 'Lib' / 'site-packages'],
            pyenv_cfg={}, interpreter=types.SimpleNamespace(os='nt', platform='win32', tcl_lib=None, tk_lib=None))
        written, skipped = [], []
        for name in ('BatchActivator', 'PowerShellActivator', 'BashActivator', 'FishActivator', 'NushellActivator', 'PythonActivator'):
            cls = getattr(activation, name, None)
            if cls is None:
                skipped.append(name)
                continue
            activator = cls(types.SimpleNamespace(prompt=None))
            try:
                replacements = activator.replacements(creator, creator.bin_dir)
                for template in activator.templates():
                    text = activator.instantiate_template(replacements, template, creator)
                    if name == 'BatchActivator':  # BatchActivator writes os.linesep line ends: CRLF on Windows
                        text = text.replace('\r\n', '\n').replace('\n', '\r\n')
                    target = activator.as_name(template)
                    with open(os.path.join(scripts, target), 'wb') as f:
                        f.write(text.encode('utf-8'))
                    written.append(target)
            except Exception as e:  # an activator that needs a real Windows creator
                skipped.append('%s: %s' % (name, e))
        print(json.dumps({'templates': written, 'skipped': skipped}))
        """;
}

/// <summary>A [Fact] skipped, with the reason, when no CPython here has pip's distlib launchers to lay out a Windows venv.</summary>
public sealed class WindowsVenvFactAttribute : FactAttribute
{
    public WindowsVenvFactAttribute()
    {
        if (WindowsVenvs.Makers.Count == 0) Skip = "No pyenv CPython 3.8+ with pip's distlib (t64.exe) found to lay out a Windows venv";
    }
}
