namespace VenvDoctor.Core.Tests.Support;

/// <summary>Makes real environments with real interpreters (the test's doing, never the product's).</summary>
public static class Venvs
{
    /// <summary><c>python -m venv [extra...] dir</c>; without pip unless asked (pip takes seconds).</summary>
    public static string Create(PythonInstall python, string dir, bool withPip = false, params string[] extra)
    {
        var args = new List<string> { "-m", "venv" };
        if (!withPip) args.Add("--without-pip");
        args.AddRange(extra);
        args.Add(dir);
        var r = Run.Process(python.Executable, args);
        if (r.ExitCode != 0)
            throw new InvalidOperationException($"{python} -m venv failed ({r.ExitCode}): {r.StdErr}");
        return dir;
    }

    /// <summary>
    /// Writes a console script the way pip/distlib would for <paramref name="interpreter"/>: a plain shebang, or
    /// the <c>#!/bin/sh</c> + <c>'''exec'</c> form when the path is long or has a space (see venv-anatomy notes).
    /// Lets tests make many scripts quickly without installing packages.
    /// </summary>
    public static string WriteConsoleScript(string venv, string name, string interpreter, string module = "json.tool")
    {
        var useExecForm = interpreter.Length > 127 || interpreter.Contains(' ');
        string head = useExecForm
            ? $"#!/bin/sh\n'''exec' {ShellQuote(interpreter)} \"$0\" \"$@\"\n' '''\n"
            : $"#!{interpreter}\n";
        var body = $"# -*- coding: utf-8 -*-\nimport re\nimport sys\nfrom {module.Split('.')[0]} import {module.Split('.').Last()}\nif __name__ == '__main__':\n    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])\n    sys.exit(0)\n";
        var path = System.IO.Path.Combine(venv, "bin", name);
        File.WriteAllText(path, head + body);
        File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        return path;
    }

    /// <summary>distlib's quoting: double quotes when the path has a space, else bare.</summary>
    private static string ShellQuote(string s) => s.Contains(' ') || s.Contains('\'') ? $"\"{s}\"" : s;
}
