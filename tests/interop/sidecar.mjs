// Shared by the interop tests: find the built venv-sidecar and connect the real vscode-jsonrpc client to it.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

// vscode-jsonrpc is CommonJS; require keeps every named export available.
const rpc = createRequire(import.meta.url)('vscode-jsonrpc/node');

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The shipped sidecar (`dotnet build server/VenvDoctor.Sidecar -c Release`; VENV_SIDECAR overrides, e.g. a NativeAOT
 * publish), or with testHost the test host around the same code, which adds the $/test/* methods
 * (`dotnet build tests/VenvDoctor.Sidecar.TestHost -c Release`; VENV_SIDECAR_TESTHOST overrides).
 */
export function sidecarPath({ testHost = false } = {}) {
  const path = testHost
    ? process.env.VENV_SIDECAR_TESTHOST ?? join(repoRoot, 'tests/VenvDoctor.Sidecar.TestHost/bin/Release/net10.0/venv-sidecar-testhost')
    : process.env.VENV_SIDECAR ?? join(repoRoot, 'server/VenvDoctor.Sidecar/bin/Release/net10.0/venv-sidecar');
  if (!existsSync(path)) {
    throw new Error(`${path} is not built. Run: dotnet build tests/VenvDoctor.Sidecar.TestHost -c Release ` +
      '(npm run test:interop does this first), or point VENV_SIDECAR / VENV_SIDECAR_TESTHOST at a built executable.');
  }
  return path;
}

/**
 * Spawns `serve` (the test host unless testMethods is false: then the shipped executable, or `executable` when given)
 * and wires a vscode-jsonrpc connection to it; `launcher` is put in front of the executable (an emulator:
 * `['qemu-aarch64-static', '-L', root]`, tests/qemu-arm64). The test context `t` kills it when the test ends.
 * Returns { proc, conn, exited, stderr(), logs } where exited resolves to the exit code.
 */
export function startSidecar(t, { testMethods = true, executable, launcher = [], args = [], env: extraEnv = {} } = {}) {
  const env = { ...process.env, ...extraEnv };
  const command = [...launcher, executable ?? sidecarPath({ testHost: testMethods }), 'serve', ...args];
  const proc = spawn(command[0], command.slice(1), { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((resolveExit) => proc.on('exit', (code, signal) => resolveExit(code ?? signal)));
  const logs = [];
  const logger = {
    error: (m) => logs.push(['error', m]), warn: (m) => logs.push(['warn', m]),
    info: (m) => logs.push(['info', m]), log: (m) => logs.push(['log', m]),
  };
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(proc.stdout), new rpc.StreamMessageWriter(proc.stdin), logger);
  conn.listen();
  // Whatever the test's outcome, leave no process behind (a live child would keep the runner waiting).
  t.after(() => { conn.dispose(); if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL'); });
  return { proc, conn, exited, logs, stderr: () => stderr };
}

export async function initialize(conn, params = {}) {
  const result = await conn.sendRequest('initialize', {
    processId: process.pid, clientInfo: { name: 'interop-tests' }, rootUri: null, capabilities: {}, workspaceFolders: [], ...params,
  });
  await conn.sendNotification('initialized', {});
  return result;
}

/** Rejects after ms so that a missing answer fails the test instead of hanging it. */
export function within(ms, promise, what = 'operation') {
  let timer;
  const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export { rpc };
