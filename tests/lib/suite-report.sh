# Sourced by the shell-driven suites (tests/qemu-arm64/run.sh, tests/wine/run.sh): their own ok/not ok lines, the
# node:test run's TAP summary added in, and the closing `N passed, N failed, N skipped` line scripts/test-all.sh reads.
passed=0 failed=0 skipped=0

pass() { echo "ok - $1"; passed=$((passed + 1)); }
fail() { echo "not ok - $1"; [ -n "${2:-}" ] && echo "$2" | sed 's/^/    /'; failed=$((failed + 1)); }
finish() { echo "$passed passed, $failed failed, $skipped skipped"; [ "$failed" -eq 0 ]; exit $?; }
skip_all() { echo "skip - $1"; skipped=$((skipped + 1)); finish; }
# elapsed START: seconds since START (from `date +%s.%N`), one decimal.
elapsed() { awk -v s="$1" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }'; }

# add_node_results LOG RC WHAT: prints LOG (a `node --test --test-reporter=tap` run that exited RC) indented, adds its
# summary ("# pass N", "# fail N", "# cancelled N", "# skipped N") to the counts; a run that failed with no failed
# test counted (it crashed) is a failure of its own.
add_node_results() {
  local log=$1 rc=$2 what=$3
  sed 's/^/    /' "$log"
  tap() { local n; n="$(grep -aoE "^# $1 [0-9]+" "$log" | grep -oE '[0-9]+$' | tail -1)"; echo "${n:-0}"; }
  passed=$((passed + $(tap pass)))
  failed=$((failed + $(tap fail) + $(tap cancelled)))
  skipped=$((skipped + $(tap skipped)))
  [ "$rc" -eq 0 ] || [ "$failed" -gt 0 ] || fail "node --test $what exited $rc"
}

# print_figures LOG HEADING: the `# figure: ...` lines the tests printed, under HEADING.
print_figures() {
  echo
  echo "$2"
  grep -aE '^# figure: ' "$1" | sed 's/^# figure: /  /'
}
