# Lays out, on this Linux disk, what a Windows machine holds: a python.org install of this CPython's X.Y (the base) and
# a venv made from it, with no Windows machine. Run by a real pyenv CPython (tests/wine/harness.mjs), it uses that
# CPython's own Windows pieces: venv.EnvBuilder.create_configuration (pyvenv.cfg) and replace_variables (its
# venv/scripts/common and nt templates) answered as Windows (os.name 'nt', ntpath), and pip's distlib ScriptMaker in
# Windows mode (_is_nt) writing real .exe launchers from its own t64.exe. Executables are real PE files: distlib's
# t64.exe/w64.exe stand in for python.exe/pythonw.exe (no Windows CPython can be had here).
#   windows-layout.py base OUT              -> python.exe, pythonw.exe, pythonXY.dll, python3.dll, Lib\ (encodings\), DLLs\
#   windows-layout.py venv OUT ENV_DIR BASE_EXE   (ENV_DIR, BASE_EXE: Windows path text, Z:\... under Wine)
# Prints what it wrote as JSON.
import builtins, importlib, json, ntpath, os, shutil, sys, types, venv

DISTLIB = os.path.dirname(importlib.import_module('pip._vendor.distlib').__file__)
XY = '%d%d' % sys.version_info[:2]


def launcher(name):
    with open(os.path.join(DISTLIB, name), 'rb') as f:
        return f.read()


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'wb') as f:
        f.write(data)


def base(out):
    # As the python.org installer lays it out: the interpreters and DLLs at the top, the standard library in Lib\.
    write(os.path.join(out, 'python.exe'), launcher('t64.exe'))
    write(os.path.join(out, 'pythonw.exe'), launcher('w64.exe'))
    for dll in ('python%s.dll' % XY, 'python3.dll'):
        write(os.path.join(out, dll), launcher('t64.exe'))
    for folder in ('Lib/site-packages', 'DLLs', 'Scripts'):
        os.makedirs(os.path.join(out, folder), exist_ok=True)
    # The standard library's start-up pieces, from this CPython's own: encodings\ is what Python cannot start without.
    stdlib = os.path.dirname(os.__file__)
    for name in ('os.py', 'site.py', 'ntpath.py'):
        shutil.copyfile(os.path.join(stdlib, name), os.path.join(out, 'Lib', name))
    shutil.copytree(os.path.join(stdlib, 'encodings'), os.path.join(out, 'Lib', 'encodings'),
                    ignore=shutil.ignore_patterns('__pycache__'))
    return {'base': out, 'dll': 'python%s.dll' % XY}


class NtNames:  # distlib asks os.name (shebang form) and os.linesep at write time: answer as Windows does
    name, linesep = 'nt', '\r\n'

    def __getattr__(self, attr):
        return getattr(os, attr)


class NtOs(NtNames):  # venv also asks os.path for the paths it records
    path = ntpath


def configuration(builder, context, out):
    # pyvenv.cfg by venv's own create_configuration, text mode as on Windows (CRLF).
    cfg = os.path.join(out, 'pyvenv.cfg')
    nt_sys = types.SimpleNamespace(**{k: getattr(sys, k) for k in ('version_info', 'version', 'prefix', 'base_prefix', 'platform')})
    nt_sys.executable = nt_sys._base_executable = context.executable
    nt_sys.argv, nt_sys.orig_argv = ['-m', 'venv', context.env_dir], [context.executable, '-m', 'venv', context.env_dir]
    venv.open = lambda path, mode='r', **kw: builtins.open(cfg, mode, newline='\r\n', **kw)
    venv.os, venv.sys = NtOs(), nt_sys
    try:
        builder.create_configuration(context)
    finally:
        del venv.open
        venv.os, venv.sys = os, sys


def activation(builder, context, scripts):
    # common/ and nt/ as install_scripts does on Windows: each template's text with the venv's Windows paths put in.
    root = os.path.join(os.path.dirname(venv.__file__), 'scripts')
    written, missing = [], []
    for sub in ('common', 'nt'):
        folder = os.path.join(root, sub)
        if not os.path.isdir(folder):  # a POSIX install ships common/ and posix/ only: no activate.bat to render
            missing.append(sub)
            continue
        for name in sorted(os.listdir(folder)):
            src = os.path.join(folder, name)
            if not os.path.isfile(src) or name.endswith(('.exe', '.pdb')):
                continue
            with open(src, 'rb') as f:
                data = f.read()
            try:
                data = builder.replace_variables(data.decode('utf-8'), context).encode('utf-8')
            except UnicodeError:
                pass
            write(os.path.join(scripts, name), data)
            written.append(name)
    return written, missing


def console_script(scripts, entry, interpreter):
    # What pip writes on Windows: distlib's t64.exe stub, a #! line naming the interpreter, a zip holding __main__.py.
    from pip._vendor.distlib import scripts as dscripts
    maker = dscripts.ScriptMaker(None, scripts, add_launchers=True)
    maker._is_nt = True
    maker._get_launcher = lambda kind: launcher('%s64.exe' % kind)
    maker.executable = dscripts.enquote_executable(interpreter)
    maker.variants = {''}
    dscripts.os = NtNames()
    try:
        return [os.path.basename(m) for m in maker.make(entry)]
    finally:
        dscripts.os = os


def make_venv(out, env_dir, base_exe):
    builder = venv.EnvBuilder(with_pip=True)
    name = ntpath.basename(env_dir)
    context = types.SimpleNamespace(env_dir=env_dir, env_name=name, prompt=name, bin_name='Scripts',
        env_exe=ntpath.join(env_dir, 'Scripts', 'python.exe'), python_dir=ntpath.dirname(base_exe),
        executable=base_exe, inc_path=ntpath.join(env_dir, 'Include'), lib_path=ntpath.join(env_dir, 'Lib', 'site-packages'),
        bin_path=ntpath.join(env_dir, 'Scripts'), python_exe='python.exe', env_exec_cmd=ntpath.join(env_dir, 'Scripts', 'python.exe'))
    scripts = os.path.join(out, 'Scripts')
    os.makedirs(os.path.join(out, 'Lib', 'site-packages'), exist_ok=True)
    os.makedirs(os.path.join(out, 'Include'), exist_ok=True)
    configuration(builder, context, out)
    written, missing = activation(builder, context, scripts)
    # Scripts\python.exe and pythonw.exe are copies of CPython's venvlauncher on Windows: PE files, here distlib's.
    write(os.path.join(scripts, 'python.exe'), launcher('t64.exe'))
    write(os.path.join(scripts, 'pythonw.exe'), launcher('w64.exe'))
    launchers = console_script(scripts, 'pip = pip._internal.cli.main:main', context.env_exe)
    return {'venv': out, 'activation': written, 'templatesMissing': missing, 'launchers': launchers}


if __name__ == '__main__':
    verb = sys.argv[1]
    result = base(sys.argv[2]) if verb == 'base' else make_venv(*sys.argv[2:5])
    print(json.dumps(result))
