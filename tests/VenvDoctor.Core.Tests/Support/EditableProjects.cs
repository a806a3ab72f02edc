namespace VenvDoctor.Core.Tests.Support;

/// <summary>Real projects installed in editable mode by the real pip and setuptools of this machine (see <see cref="PythonWheels"/>).</summary>
public static class EditableProjects
{
    public static void WriteProject(string project, string name, string packageDir, string tool)
    {
        Directory.CreateDirectory(Path.Combine(project, packageDir));
        File.WriteAllText(Path.Combine(project, packageDir, "__init__.py"), "");
        File.WriteAllText(Path.Combine(project, "pyproject.toml"), $"""
            [build-system]
            requires = ["setuptools>=64", "wheel"]
            build-backend = "setuptools.build_meta"

            [project]
            name = "{name}"
            version = "1.0"

            """ + tool);
    }

    /// <summary>A venv with pip, setuptools and wheel from the wheels folder, and <c>pip install -e project</c> (PEP 660: no setup.py).</summary>
    public static string InstallEditable(string venv, string project, params string[] pipOptions)
    {
        Venvs.Create(PythonWheels.Interpreter!, venv, withPip: true);
        var pip = Path.Combine(venv, "bin", "pip");
        string[] offline = ["install", "-q", "--no-index", "--find-links", PythonWheels.Folder];
        Run.Checked(pip, [.. offline, "setuptools", "wheel"]);
        Run.Checked(pip, [.. offline, "--no-build-isolation", .. pipOptions, "-e", project]);
        return venv;
    }

    public static string SitePackages(string venv) =>
        Path.Combine(Directory.EnumerateDirectories(Path.Combine(venv, "lib"), "python3.*").Single(), "site-packages");
}
