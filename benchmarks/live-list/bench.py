#!/usr/bin/env python3
"""Warm `venv/list` answered from the live watch's model vs fd walking the same tree, in one run.

`venv-sidecar serve` watches the tree (its workspace folder); once its watch is ready, `venv/list` asks for exactly
what the watch covers and is answered from the model. Each answer is compared with a cold `venv-sidecar scan --json`
of the same tree (environments, diagnoses, skipped, interpreters, settings), also right after a venv is renamed
and renamed back. fd runs interleaved with the lists. See README.md.

usage: bench.py [--tree DIR] [--runs N] [--regenerate] [--sidecar PATH]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(REPO, "benchmarks", "scan"))
from bench import OUT, PRUNED, Rpc, ensure_fd, publish, run_measured  # noqa: E402  (the scan benchmark's client, fd set-up and shipped build)

SHIPPED = os.path.join(OUT, "venv-sidecar")  # what scripts/publish-sidecar.sh makes: the NativeAOT executable the VSIX carries


def wait_until_watching(rpc):
    """Reads messages until the server logs that its watch is ready; fails if the root degrades instead."""
    while True:
        m = rpc.read()
        method = m.get("method")
        if method == "venv/watchDegraded":
            raise SystemExit(f"the watch degraded ({m['params']['reason']}): warm lists would walk cold")
        if method == "window/logMessage" and "root(s) live" in m["params"]["message"]:
            return


def cold_scan(sidecar, tree):
    out = subprocess.run([sidecar, "scan", "--json", tree], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout
    return json.loads(out)


def same(listed, scanned):
    """The whole result, as a client sees it: every field of every environment, skipped, interpreters, settings."""
    return json.dumps(listed, sort_keys=True) == json.dumps(scanned, sort_keys=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tree", default=os.path.join("/tmp", "venv-doctor-bench-tree"))
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--regenerate", action="store_true")
    ap.add_argument("--sidecar", default=SHIPPED, help="the venv-sidecar to measure (default: the build that ships, published first)")
    ap.add_argument("--no-publish", action="store_true", help="reuse the last published build")
    args = ap.parse_args()

    manifest_path = os.path.join(args.tree, "manifest.json")
    if args.regenerate or not os.path.exists(manifest_path):
        print(f"generating {args.tree} ...", file=sys.stderr)
        subprocess.run([sys.executable, os.path.join(REPO, "benchmarks", "scan", "generate.py"), args.tree], check=True)
    manifest = json.load(open(manifest_path))
    if args.sidecar == SHIPPED and not args.no_publish:
        print("publishing venv-sidecar as it ships (scripts/publish-sidecar.sh) ...", file=sys.stderr)
        publish()
    fd = ensure_fd()
    folders = sum(1 for _ in os.walk(args.tree))
    print(f"tree: {args.tree}: {folders} folders, {len(manifest['environments'])} environments; sidecar: {args.sidecar}")
    fd_cmd = [fd, "-H", "--no-ignore", "-t", "f"] + sum((["-E", p] for p in PRUNED), []) + [r"^pyvenv\.cfg$", args.tree]

    rpc = Rpc([args.sidecar, "serve"])
    ok = True
    try:
        t0 = time.perf_counter()
        rpc.request("initialize", {"processId": os.getpid(), "rootUri": None, "capabilities": {}, "trace": "messages",
                                   "workspaceFolders": [{"uri": "file://" + args.tree, "name": "bench"}]})
        rpc.notify("initialized", {})
        wait_until_watching(rpc)
        ready = time.perf_counter() - t0
        rpc.notify("$/setTrace", {"value": "off"})
        first, _ = rpc.request("venv/list", {})   # warms the request path as a client's first list would

        expected = cold_scan(args.sidecar, args.tree)
        ok &= same(first, expected)
        fd_times, warm = [], []
        for _ in range(args.runs):   # interleaved: both see the same page-cache state
            t, _, _, _ = run_measured(fd_cmd)
            fd_times.append(t)
            t0 = time.perf_counter()
            result, _ = rpc.request("venv/list", {})
            warm.append(time.perf_counter() - t0)
            ok &= same(result, expected)

        # A change, then a list at once: the answer is the cold scan's after the change, without waiting for events.
        venv = sorted(manifest["environments"])[0]
        moved = venv + "-renamed"
        os.rename(venv, moved)
        try:
            after, _ = rpc.request("venv/list", {})
            after_expected = cold_scan(args.sidecar, args.tree)
        finally:
            os.rename(moved, venv)
        back, _ = rpc.request("venv/list", {})
        moved_ok = same(after, after_expected) and any(e["path"] == moved for e in after["environments"]) and same(back, expected)
        rss = rpc.peak_rss_mib()
    finally:
        rpc.close()

    fd_median, warm_median = statistics.median(fd_times), statistics.median(warm)
    print(f"watch ready {ready*1000:.0f} ms after spawn (walk, diagnosis, {len(expected['environments'])} environments)")
    print(f"fd                median {fd_median*1000:7.1f} ms   ({args.runs} runs)")
    print(f"venv/list (warm)  median {warm_median*1000:7.1f} ms   min {min(warm)*1000:.1f} ms   server peak RSS {rss:.1f} MiB")
    print(f"ratio warm venv/list / fd: {warm_median/fd_median:.3f}x   (target <= 0.1x)")
    print(f"every warm answer equals a cold scan: {'yes' if ok else 'NO'}; after a rename (listed at once) and back: {'yes' if moved_ok else 'NO'}")
    return 0 if ok and moved_ok else 1


if __name__ == "__main__":
    sys.exit(main())
