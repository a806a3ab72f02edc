#!/usr/bin/env bash
# End-to-end suite in a real VS Code (code-server + headless Chromium), called by `npm run test:e2e`.
#   1. installs its tools into <clone>/.tools (idempotent; see lib/tools.sh);
#   2. packages the throwaway fixture extension and, when the extension is on this branch, the product's linux-x64
#      VSIX (`npm run package -- --target linux-x64`; set VENV_DOCTOR_E2E_VSIX to test a VSIX made elsewhere, as
#      scripts/test-all.sh does with the packaging suite's);
#   3. runs tests/e2e/suites/*.test.mjs with node:test, one at a time;
#   4. ends with "N passed, N failed, N skipped" alone on a line; exits non-zero when a test failed.
# Screenshots: artifacts/e2e/screenshots/; VS Code and code-server logs: artifacts/e2e/logs/.
# Options: --only REGEX (node --test-name-pattern), --keep (keep the scratch folder for a look afterwards).
set -euo pipefail
REPO="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$REPO"
started=$SECONDS

ONLY=""; KEEP=0
while [ $# -gt 0 ]; do
  case "$1" in
    --only) ONLY="$2"; shift 2 ;;
    --keep) KEEP=1; shift ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

# shellcheck source=lib/tools.sh
source "$REPO/tests/e2e/lib/tools.sh"
e2e_tools_install
installed=$SECONDS

RUN_ROOT="$(mktemp -d "${TMPDIR:-/tmp}/venv-doctor-e2e.XXXXXX")"
# Tests stop their code-server by PID; should a test process itself die, what it started (code-server, extension
# host, sidecar, Chromium) is found by this run's own scratch folder on its command line and ended by PID.
end_leftovers() {
  local pid cmdline
  for pid in $(ls /proc | grep -E '^[0-9]+$'); do
    [ "$pid" = "$$" ] && continue
    cmdline="$( (tr '\0' ' ' <"/proc/$pid/cmdline") 2>/dev/null || true)"
    case "$cmdline" in *"$RUN_ROOT"*) kill "$pid" 2>/dev/null && echo "e2e: ended leftover process $pid" >&2 ;; esac
  done
  return 0
}
cleanup() {
  end_leftovers
  if [ "$KEEP" = 1 ]; then echo "e2e: scratch kept at $RUN_ROOT" >&2; else rm -rf "$RUN_ROOT"; fi
}
trap cleanup EXIT
mkdir -p "$RUN_ROOT/tmp"
export TMPDIR="$RUN_ROOT/tmp"   # everything this run and its tools write to a temp folder stays in it
export VENV_DOCTOR_E2E_RUN_ROOT="$RUN_ROOT"
rm -rf artifacts/e2e
mkdir -p artifacts/e2e/screenshots artifacts/e2e/logs

(cd tests/e2e/fixtures/hello-ext && "$VSCE_BIN" package --no-dependencies --skip-license --allow-missing-repository \
   --out "$RUN_ROOT/e2e-fixture.vsix" </dev/null >"$RUN_ROOT/fixture-package.log" 2>&1) ||
  { cat "$RUN_ROOT/fixture-package.log" >&2; echo "e2e: packaging the fixture extension failed" >&2; exit 1; }
export VENV_DOCTOR_E2E_FIXTURE_VSIX="$RUN_ROOT/e2e-fixture.vsix"

# The product VSIX. Its absence is a reason for the scenarios to skip; a failed build is a failure (01-package).
unset VENV_DOCTOR_E2E_VSIX_MISSING_REASON VENV_DOCTOR_E2E_PACKAGE_FAILED
if [ -n "${VENV_DOCTOR_E2E_VSIX:-}" ]; then
  echo "e2e: testing the given VSIX $VENV_DOCTOR_E2E_VSIX" >&2
  if [ ! -f "$VENV_DOCTOR_E2E_VSIX" ]; then   # scripts/test-all.sh names the packaging suite's: it failed
    export VENV_DOCTOR_E2E_PACKAGE_FAILED=1
    export VENV_DOCTOR_E2E_VSIX_MISSING_REASON="the given VSIX $VENV_DOCTOR_E2E_VSIX does not exist (packaging failed?)"
  fi
elif [ ! -f extension/package.json ]; then
  export VENV_DOCTOR_E2E_VSIX_MISSING_REASON="extension/package.json not present: the extension has not landed on this branch"
else
  echo "e2e: npm run package (log: artifacts/e2e/package.log)" >&2
  # package.sh prints the VSIX path as its last line on stdout; everything else goes to stderr.
  if vsix="$(bash scripts/package.sh --target linux-x64 2> >(tee artifacts/e2e/package.log >&2) | tail -1)" &&
     [ -f "$vsix" ]; then
    export VENV_DOCTOR_E2E_VSIX="$vsix"
  else
    export VENV_DOCTOR_E2E_PACKAGE_FAILED=1
    export VENV_DOCTOR_E2E_VSIX_MISSING_REASON="npm run package failed (artifacts/e2e/package.log)"
  fi
fi
packaged=$SECONDS

# Interpreters for the scenarios' venvs are found at run time (lib/pythons.mjs); nothing here assumes one.
args=(--test --test-concurrency=1 --test-timeout=600000
  --test-reporter=spec --test-reporter-destination=stdout
  --test-reporter="$REPO/tests/e2e/lib/summary-reporter.mjs" --test-reporter-destination="$RUN_ROOT/summary.txt")
[ -n "$ONLY" ] && args+=(--test-name-pattern="$ONLY")
set +e
"$NODE24" "${args[@]}" tests/e2e/suites/*.test.mjs
status=$?
set -e

echo "e2e: $((SECONDS - started)) s in all (tools $((installed - started)) s, packaging $((packaged - installed)) s, tests $((SECONDS - packaged)) s); screenshots in artifacts/e2e/screenshots/"
summary="$(cat "$RUN_ROOT/summary.txt" 2>/dev/null || true)"
if [ -z "$summary" ]; then summary="0 passed, 1 failed, 0 skipped"; status=1; fi
echo "$summary"
exit "$status"
