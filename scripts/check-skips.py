#!/usr/bin/env python3
"""Fails when a test runner skipped a test that tests/declared-skips.txt does not list.

Usage: check-skips.py LOGDIR. Reads what scripts/test-all.sh left in LOGDIR:
  server:    *.trx (xunit via the VSTest trx logger): UnitTestResult outcome="NotExecuted"
  interop:   interop.junit.xml (node:test junit reporter): testcase with a <skipped> child
  extension: extension.log (mocha spec reporter): pending tests are the lines "  - title"
  e2e:       e2e.log (tests/e2e summary reporter): lines "skipped: NAME # REASON"
A runner whose report is missing is itself a failure (nothing can be said about what it skipped).
"""
import fnmatch
import glob
import os
import re
import sys
import xml.etree.ElementTree as ET

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def declared():
    entries = []
    with open(os.path.join(REPO, "tests", "declared-skips.txt"), encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = [p.strip() for p in line.split("|", 2)]
            if len(parts) != 3 or not all(parts):
                sys.exit(f"tests/declared-skips.txt:{number}: expected 'RUNNER | NAME | REASON'")
            entries.append(tuple(parts))
    return entries


def local(tag):
    return tag.rsplit("}", 1)[-1]


def server_skips(logs):
    files = glob.glob(os.path.join(logs, "trx", "*.trx"))
    if not files:
        return None
    names = []
    for path in files:
        for element in ET.parse(path).iter():
            if local(element.tag) == "UnitTestResult" and element.get("outcome") == "NotExecuted":
                names.append(element.get("testName"))
    return names


def interop_skips(logs):
    path = os.path.join(logs, "interop.junit.xml")
    if not os.path.exists(path):
        return None
    return [case.get("name") for case in ET.parse(path).iter("testcase") if case.find("skipped") is not None]


def extension_skips(logs):
    path = os.path.join(logs, "extension.log")
    if not os.path.exists(path):
        return None
    ansi = re.compile(r"\x1b\[[0-9;]*m")
    return [m.group(1) for line in open(path, encoding="utf-8", errors="replace")
            if (m := re.match(r"^\s+- (.+)$", ansi.sub("", line.rstrip("\n"))))]


def e2e_skips(logs):
    path = os.path.join(logs, "e2e.log")
    if not os.path.exists(path):
        return None
    return [m.group(1).strip() for line in open(path, encoding="utf-8", errors="replace")
            if (m := re.match(r"^skipped: (.+?)(?: # .*)?$", line.rstrip("\n")))]


def main():
    logs = sys.argv[1]
    allowed = declared()
    problems = []
    for runner, collect in (("server", server_skips), ("interop", interop_skips), ("extension", extension_skips), ("e2e", e2e_skips)):
        names = collect(logs)
        if names is None:
            problems.append(f"{runner}: no report of its tests was found, so its skips cannot be checked")
            continue
        for name in names:
            if not any(r == runner and fnmatch.fnmatchcase(name, pattern) for r, pattern, _ in allowed):
                problems.append(f"{runner}: skipped but not declared in tests/declared-skips.txt: {name}")
    for problem in problems:
        print(f"skips: {problem}")
    if problems:
        sys.exit(1)
    print("skips: every skipped test is declared in tests/declared-skips.txt")


if __name__ == "__main__":
    main()
