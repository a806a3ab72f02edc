#!/usr/bin/env python3
"""Live-watch benchmark: latency from rename() to the `moved` line, OS watches used, set-up time and RSS, on a
synthetic monorepo; and, in the same run, the same tree under `inotifywait -m -r` (inotify-tools) as the peer.

Watches are counted the same way for both processes: the `inotify wd:` lines in /proc/PID/fdinfo (what the kernel
holds for them). RSS is VmRSS / VmHWM from /proc/PID/status.

usage: bench.py [--out DIR] [--moves N] [--packages N] [--venvs N] [--keep]
"""
import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))


def find_python():
    root = os.environ.get("PYENV_ROOT", os.path.expanduser("~/.pyenv"))
    versions = os.path.join(root, "versions")
    found = []
    if os.path.isdir(versions):
        for v in os.listdir(versions):
            parts = v.split(".")
            if len(parts) == 3 and all(p.isdigit() for p in parts) and (int(parts[0]), int(parts[1])) >= (3, 8):
                exe = os.path.join(versions, v, "bin", f"python{parts[0]}.{parts[1]}")
                if os.path.exists(exe):
                    found.append(((int(parts[0]), int(parts[1])), exe))
    if found:
        return sorted(found)[-1][1]
    return shutil.which("python3")


def generate(root, packages, venvs, python):
    """A monorepo: packages with nested source folders and node_modules, plus real venvs with bulky site-packages."""
    rng = random.Random(42)
    dirs = 0
    for p in range(packages):
        pkg = os.path.join(root, "packages", f"pkg{p}")
        for a in range(4):
            for b in range(4):
                for c in range(3):
                    d = os.path.join(pkg, "src", f"m{a}", f"s{b}", f"t{c}")
                    os.makedirs(d, exist_ok=True)
                    dirs += 1
                    with open(os.path.join(d, "mod.py"), "w") as f:
                        f.write(f"# {rng.random()}\n")
        for n in range(30):   # front-end dependencies: pruned by us, watched by a recursive watcher
            os.makedirs(os.path.join(pkg, "node_modules", f"dep{n}", "lib", "util"), exist_ok=True)
            dirs += 3
        os.makedirs(os.path.join(pkg, ".git", "objects", "ab"), exist_ok=True)
    made = []
    for v in range(venvs):
        venv = os.path.join(root, "services", f"svc{v}", ".venv")
        subprocess.run([python, "-m", "venv", "--without-pip", venv], check=True)
        site = [os.path.join(r, d) for r, ds, _ in os.walk(os.path.join(venv, "lib")) for d in ds if d == "site-packages"][0]
        for n in range(150):   # what pip leaves: package folders with sub-packages
            os.makedirs(os.path.join(site, f"lib{n}", "sub", "deep"), exist_ok=True)
            dirs += 3
        made.append(venv)
    total_dirs = sum(len(ds) for _, ds, _ in os.walk(root)) + 1
    return made, total_dirs


def inotify_watches(pid):
    count = 0
    fd_dir = f"/proc/{pid}/fdinfo"
    for fd in os.listdir(fd_dir):
        try:
            with open(os.path.join(fd_dir, fd)) as f:
                count += sum(1 for line in f if line.startswith("inotify wd:"))
        except OSError:
            pass
    return count


def rss_kib(pid):
    out = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(("VmRSS:", "VmHWM:")):
                out[line.split(":")[0]] = int(line.split()[1])
    return out


def build_sidecar():
    subprocess.run(["dotnet", "build", os.path.join(REPO, "server", "VenvDoctor.Sidecar"), "-c", "Release", "-v", "q", "-nologo"],
                   check=True, stdout=subprocess.DEVNULL)
    exe = os.path.join(REPO, "server", "VenvDoctor.Sidecar", "bin", "Release", "net10.0", "venv-sidecar")
    return exe


def read_event(proc, deadline=30):
    line = proc.stdout.readline()
    if not line:
        raise RuntimeError("watch ended: " + proc.stderr.read())
    return json.loads(line)


def bench_ours(exe, root, venvs, moves):
    t0 = time.perf_counter()
    proc = subprocess.Popen([exe, "watch", root, "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1)
    ready = read_event(proc)
    setup = time.perf_counter() - t0
    assert ready["event"] == "ready", ready
    watches = inotify_watches(proc.pid)
    latencies = []
    target = venvs[0]
    for i in range(moves):
        dest = target[:-2] if target.endswith("-b") else target + "-b"   # back and forth
        os.rename(target, dest)
        start = time.perf_counter()
        while True:
            e = read_event(proc)
            if e["event"] == "moved":
                break
        latencies.append((time.perf_counter() - start) * 1000)
        assert e["from"] == target and e["to"] == dest, e
        target = dest
    # A project-folder rename: every environment inside moves (one line each).
    svc = os.path.dirname(target)
    os.rename(svc, svc + "-renamed")
    start = time.perf_counter()
    e = read_event(proc)
    project_ms = (time.perf_counter() - start) * 1000
    assert e["event"] == "moved", e
    os.rename(svc + "-renamed", svc)
    read_event(proc)
    mem = rss_kib(proc.pid)
    proc.send_signal(2)
    code = proc.wait(timeout=15)
    return {
        "setup_s": setup, "watches": watches, "watches_reported": ready.get("watches"), "budget": ready.get("budget"),
        "environments": ready.get("environments"), "latencies_ms": latencies, "project_rename_ms": project_ms,
        "rss_kib": mem.get("VmRSS"), "peak_rss_kib": mem.get("VmHWM"), "exit": code,
    }


def bench_inotifywait(root):
    if not shutil.which("inotifywait"):
        return None
    t0 = time.perf_counter()
    proc = subprocess.Popen(["inotifywait", "-m", "-r", "-q", "-q", root], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    # -q -q prints nothing, so poll the kernel's count until it stops growing.
    last, stable = -1, 0
    while stable < 5:
        time.sleep(0.02)
        n = inotify_watches(proc.pid)
        stable = stable + 1 if n == last and n > 0 else 0
        last = n
    setup = time.perf_counter() - t0 - 5 * 0.02
    mem = rss_kib(proc.pid)
    proc.terminate()
    proc.wait(timeout=10)
    return {"setup_s": setup, "watches": last, "rss_kib": mem.get("VmRSS")}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", help="where to generate the tree (default: a temp folder, deleted afterwards)")
    ap.add_argument("--moves", type=int, default=30)
    ap.add_argument("--packages", type=int, default=60)
    ap.add_argument("--venvs", type=int, default=6)
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()

    python = find_python()
    root = args.out or tempfile.mkdtemp(prefix="vd-watch-bench-")
    os.makedirs(root, exist_ok=True)
    try:
        print(f"generating a monorepo in {root} ({args.packages} packages, {args.venvs} venvs made by {python}) ...", flush=True)
        venvs, dirs = generate(root, args.packages, args.venvs, python)
        exe = build_sidecar()
        ours = bench_ours(exe, root, venvs, args.moves)
        peer = bench_inotifywait(root)
        lat = sorted(ours["latencies_ms"])
        print()
        print(f"tree: {dirs} folders, {len(venvs)} venvs; kernel limit fs.inotify.max_user_watches = {open('/proc/sys/fs/inotify/max_user_watches').read().strip()}")
        print(f"venv-sidecar watch: ready in {ours['setup_s']*1000:.0f} ms (process start + first scan + diagnosis), "
              f"{ours['watches']} inotify watches (reported {ours['watches_reported']}, budget {ours['budget']}), "
              f"RSS {ours['rss_kib']/1024:.1f} MiB (peak {ours['peak_rss_kib']/1024:.1f} MiB), exit {ours['exit']} on SIGINT")
        print(f"rename() -> moved line over {len(lat)} moves: median {statistics.median(lat):.1f} ms, "
              f"p90 {lat[int(len(lat)*0.9)-1]:.1f} ms, max {lat[-1]:.1f} ms, min {lat[0]:.1f} ms (target: median <= 150 ms)")
        print(f"project folder rename -> first moved line: {ours['project_rename_ms']:.1f} ms")
        if peer:
            print(f"inotifywait -m -r (peer): {peer['watches']} inotify watches, set up in {peer['setup_s']*1000:.0f} ms, RSS {peer['rss_kib']/1024:.1f} MiB")
            print(f"ratio: venv-sidecar uses {ours['watches']/peer['watches']:.3f}x the watches of inotifywait -r "
                  f"({peer['watches']/max(ours['watches'],1):.0f}x fewer)")
        else:
            print("inotifywait not installed (apt-get install inotify-tools): no peer figure")
    finally:
        if not args.keep and not args.out:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
