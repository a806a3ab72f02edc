#!/usr/bin/env python3
"""Scan benchmark: `venv-sidecar scan` (published as it ships: one NativeAOT executable) vs Debian's fd walking the same tree with the
same exclusions, in one invocation; then warm `venv/list` and `venv/diagnose` over JSON-RPC (`venv-sidecar serve`).
Prints each median (several runs), the ratios and the peak RSS. See README.md.

usage: bench.py [--tree DIR] [--runs N] [--regenerate] [--no-publish]
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
OUT = os.path.join(HERE, "out")
PRUNED = ["node_modules", ".git", "__pycache__", ".tox", ".nox", ".mypy_cache", ".pytest_cache"]


def run_measured(cmd):
    """Runs cmd; returns (seconds, peak RSS in MiB, exit code, stdout)."""
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    out = p.stdout.read()
    _, status, usage = os.wait4(p.pid, 0)
    elapsed = time.perf_counter() - start
    p.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss / 1024, p.returncode, out


def ensure_fd():
    fd = shutil.which("fdfind") or shutil.which("fd")
    if fd:
        return fd
    print("fd not found: installing Debian's fd-find (apt-get install -y fd-find)", file=sys.stderr)
    subprocess.run(["apt-get", "install", "-y", "fd-find"], check=True, stdout=subprocess.DEVNULL)
    return shutil.which("fdfind")


def publish():
    """The sidecar as the VSIX ships it (NativeAOT, scripts/publish-sidecar.sh): what is measured is what ships."""
    subprocess.run([os.path.join(REPO, "scripts", "publish-sidecar.sh"), OUT, "linux-x64", "aot"], check=True,
                   stdout=subprocess.DEVNULL)


class Rpc:
    """A minimal LSP-framed JSON-RPC client over the server's stdio."""

    def __init__(self, cmd):
        self.p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.next_id = 0

    def send(self, message):
        body = json.dumps(message).encode()
        self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.p.stdin.flush()

    def read(self):
        length = None
        while True:
            line = self.p.stdout.readline()
            if not line:
                raise EOFError("server closed its output")
            line = line.strip()
            if not line:
                break
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        return json.loads(self.p.stdout.read(length))

    def request(self, method, params):
        self.next_id += 1
        my_id = self.next_id
        self.send({"jsonrpc": "2.0", "id": my_id, "method": method, "params": params})
        notes = 0
        while True:
            m = self.read()
            if m.get("id") == my_id and "method" not in m:
                if "error" in m:
                    raise RuntimeError(f"{method}: {m['error']}")
                return m["result"], notes
            if m.get("method") == "venv/found":
                notes += 1

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def peak_rss_mib(self):
        with open(f"/proc/{self.p.pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        return float("nan")

    def close(self):
        try:
            self.request("shutdown", None)
            self.notify("exit", None)
            self.p.wait(timeout=10)
        except Exception:
            self.p.kill()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tree", default=os.path.join("/tmp", "venv-doctor-bench-tree"))
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--regenerate", action="store_true")
    ap.add_argument("--no-publish", action="store_true")
    args = ap.parse_args()

    manifest_path = os.path.join(args.tree, "manifest.json")
    if args.regenerate or not os.path.exists(manifest_path):
        print(f"generating {args.tree} ...", file=sys.stderr)
        subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), args.tree], check=True)
    manifest = json.load(open(manifest_path))
    expected = sorted(manifest["environments"])
    fd = ensure_fd()
    if not args.no_publish:
        print("publishing venv-sidecar as it ships (scripts/publish-sidecar.sh) ...", file=sys.stderr)
        publish()
    sidecar = os.path.join(OUT, "venv-sidecar")

    folders = sum(1 for _ in os.walk(args.tree))
    print(f"tree: {args.tree}: {folders} folders, {len(expected)} environments (made with pip by {manifest['python']})")

    fd_cmd = [fd, "-H", "--no-ignore", "-t", "f"] + sum((["-E", p] for p in PRUNED), []) + [r"^pyvenv\.cfg$", args.tree]
    scan_cmd = [sidecar, "scan", "--json", args.tree]

    # Both found everything?
    _, _, _, fd_out = run_measured(fd_cmd)
    fd_found = sorted(os.path.dirname(l) for l in fd_out.decode().split("\n") if l)
    _, _, code, scan_out = run_measured(scan_cmd)
    scan_found = sorted(e["path"] for e in json.loads(scan_out)["environments"])
    print(f"found: scan {len(scan_found)}/{len(expected)} (exit {code}), fd {len(fd_found)}/{len(expected)}")
    if scan_found != expected:
        print(f"MISMATCH: scan missed {sorted(set(expected) - set(scan_found))}, extra {sorted(set(scan_found) - set(expected))}")

    fd_times, fd_rss, scan_times, scan_rss = [], [], [], []
    for _ in range(args.runs):  # interleaved, so both see the same cache state
        t, r, _, _ = run_measured(fd_cmd); fd_times.append(t); fd_rss.append(r)
        t, r, _, _ = run_measured(scan_cmd); scan_times.append(t); scan_rss.append(r)
    fd_median, scan_median = statistics.median(fd_times), statistics.median(scan_times)
    print(f"fd          median {fd_median*1000:7.1f} ms   peak RSS {max(fd_rss):6.1f} MiB   ({args.runs} runs)")
    print(f"scan (CLI)  median {scan_median*1000:7.1f} ms   peak RSS {max(scan_rss):6.1f} MiB   ({args.runs} runs, whole process)")
    print(f"ratio scan/fd: {scan_median/fd_median:.2f}x   (target <= 0.75x)")

    rpc = Rpc([sidecar, "serve"])
    try:
        rpc.request("initialize", {"processId": os.getpid(), "rootUri": None, "capabilities": {},
                                   "workspaceFolders": [{"uri": "file://" + args.tree, "name": "bench"}]})
        rpc.notify("initialized", {})
        t0 = time.perf_counter()
        result, notes = rpc.request("venv/list", {"roots": [args.tree]})
        cold = time.perf_counter() - t0
        warm = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            result, notes = rpc.request("venv/list", {"roots": [args.tree]})
            warm.append(time.perf_counter() - t0)
        listed = sorted(e["path"] for e in result["environments"])
        big = manifest["console_script_venv"]
        diag = []
        for _ in range(args.runs + 1):
            t0 = time.perf_counter()
            env, _ = rpc.request("venv/diagnose", {"path": big})
            diag.append(time.perf_counter() - t0)
        rss = rpc.peak_rss_mib()
    finally:
        rpc.close()
    warm_median = statistics.median(warm)
    diag_median = statistics.median(diag[1:])
    print(f"venv/list   cold {cold*1000:7.1f} ms, warm median {warm_median*1000:7.1f} ms ({len(listed)} environments, "
          f"{notes} venv/found)   server peak RSS {rss:6.1f} MiB")
    print(f"ratio warm venv/list / fd: {warm_median/fd_median:.2f}x   (target <= 0.5x)")
    print(f"venv/diagnose of a venv with 2,000 console scripts: median {diag_median*1000:.1f} ms "
          f"(first {diag[0]*1000:.1f} ms; round trip; target <= 50 ms), health {env['health']}")
    return 0 if scan_found == expected and listed == expected else 1


if __name__ == "__main__":
    sys.exit(main())
