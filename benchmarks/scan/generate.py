#!/usr/bin/env python3
"""Generates the synthetic monorepo the scan benchmark walks.

Tens of thousands of folders: source trees, node_modules-heavy front-end packages (pruned by the scan and by fd),
caches, and several REAL venvs made WITH pip by a real interpreter (python -m venv) at depths 1-5, plus one venv
with 2,000 console scripts written the way pip writes them. Writes manifest.json (what a scan must find).
Deterministic: the same arguments give the same tree.

usage: generate.py OUT_DIR [--python PATH] [--packages N]
"""
import argparse
import json
import os
import random
import shutil
import subprocess
import sys


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def source_tree(root, rng, depth, breadth):
    """A package's own code: nested folders with a few modules each."""
    count = 0
    if depth == 0:
        return 0
    for i in range(breadth):
        d = os.path.join(root, f"mod{i}")
        os.makedirs(d, exist_ok=True)
        count += 1
        for j in range(3):
            write(os.path.join(d, f"file{j}.py"), f"# {rng.random()}\n")
        count += source_tree(d, rng, depth - 1, breadth)
    return count


def node_modules(root, rng, packages):
    """What npm leaves: many small packages, each with lib/ and a few files, some nested node_modules."""
    count = 0
    for i in range(packages):
        pkg = os.path.join(root, "node_modules", f"pkg-{i}")
        for sub in ("lib", "dist", os.path.join("lib", "util")):
            os.makedirs(os.path.join(pkg, sub), exist_ok=True)
            count += 1
        write(os.path.join(pkg, "package.json"), '{"name": "pkg-%d"}\n' % i)
        write(os.path.join(pkg, "lib", "index.js"), "module.exports = 1;\n")
        if i % 10 == 0:
            nested = os.path.join(pkg, "node_modules", "dep", "lib")
            os.makedirs(nested, exist_ok=True)
            write(os.path.join(nested, "index.js"), "module.exports = 2;\n")
            count += 3
    return count


def console_script(venv, name, interpreter):
    text = (f"#!{interpreter}\n# -*- coding: utf-8 -*-\nimport re\nimport sys\nfrom json import tool\n"
            "if __name__ == '__main__':\n    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])\n"
            "    sys.exit(tool.main())\n")
    path = os.path.join(venv, "bin", name)
    write(path, text)
    os.chmod(path, 0o755)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--python", default=shutil.which("python3"))
    ap.add_argument("--packages", type=int, default=120)
    args = ap.parse_args()
    rng = random.Random(42)
    out = os.path.abspath(args.out)
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(out)
    folders = 0
    for p in range(args.packages):
        pkg = os.path.join(out, "packages", f"pkg{p:03d}")
        folders += source_tree(os.path.join(pkg, "src"), rng, depth=3, breadth=4)
        if p % 2 == 0:
            folders += node_modules(os.path.join(pkg, "web"), rng, packages=120)
        for cache in ("__pycache__", ".mypy_cache", ".pytest_cache"):
            os.makedirs(os.path.join(pkg, cache, "x"), exist_ok=True)
            folders += 2
    os.makedirs(os.path.join(out, ".git", "objects", "ab"), exist_ok=True)

    # Real venvs with pip, at depths 1..5.
    venv_paths = [
        os.path.join(out, ".venv"),
        os.path.join(out, "services", "api", ".venv"),
        os.path.join(out, "services", "worker", "env", "venv"),
        os.path.join(out, "packages", "pkg007", "tools", "py", ".venv"),
        os.path.join(out, "packages", "pkg010", "src", "mod1", "mod2", ".venv"),
        os.path.join(out, "tools", "scripts", "venv"),
    ]
    for v in venv_paths:
        os.makedirs(os.path.dirname(v), exist_ok=True)
        subprocess.run([args.python, "-m", "venv", v], check=True)
    big = os.path.join(out, "services", "cli", ".venv")
    subprocess.run([args.python, "-m", "venv", "--without-pip", big], check=True)
    interpreter = os.path.join(big, "bin", "python")
    for i in range(2000):
        console_script(big, f"tool-{i:04d}", interpreter)
    venv_paths.append(big)

    manifest = {"root": out, "python": args.python, "environments": sorted(venv_paths), "console_script_venv": big,
                "generated_folders_at_least": folders}
    write(os.path.join(out, "manifest.json"), json.dumps(manifest, indent=2) + "\n")
    print(json.dumps({"root": out, "environments": len(venv_paths), "folders": folders}))


if __name__ == "__main__":
    sys.exit(main())
