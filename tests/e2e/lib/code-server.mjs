// A real VS Code (code-server) started for one test in its own folders, with an environment that has no .NET:
// PATH without `dotnet`, no DOTNET_* variables, and the login-shell environment lookup turned off (it would bring
// the user's PATH back). Stopped by its PID, together with anything it started that is still alive.
import { spawn, execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { ARTIFACTS, CODE_SERVER_ENTRY, E2E_NODE_MODULES, NODE24, RUN_ROOT } from './paths.mjs';
import { descendantsOf, isAlive } from './processes.mjs';
import { waitFor } from './wait.mjs';

const execFileAsync = promisify(execFile);

/** Quiet, deterministic user settings: no start-up editor, tips, experiments, AI features, telemetry or updates. */
const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'files.hotExit': 'off',
  'window.restoreWindows': 'none',
};

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * PATH with every `dotnet` hidden. A folder that holds dotnet next to other tools (/usr/bin) is replaced by a
 * shadow folder of symlinks to everything in it except dotnet; a folder that is .NET's own is dropped.
 */
function pathWithoutDotnet(pathValue, shadowRoot) {
  const kept = [];
  pathValue.split(':').filter(Boolean).forEach((dir, index) => {
    if (/dotnet/i.test(dir)) return;
    if (!fs.existsSync(path.join(dir, 'dotnet'))) { kept.push(dir); return; }
    const shadow = path.join(shadowRoot, `path-${index}`);
    kept.push(shadow);
    if (fs.existsSync(shadow)) return; // made for an earlier process with the same folders (a second VSIX install)
    fs.mkdirSync(shadow, { recursive: true });
    for (const name of fs.readdirSync(dir)) {
      if (name === 'dotnet') continue;
      fs.symlinkSync(path.join(dir, name), path.join(shadow, name));
    }
  });
  return kept.join(':');
}

/** The environment code-server (and so the extension host and the sidecar) runs with. */
export function environmentWithoutDotnet(dirs, extra = {}) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(DOTNET_|MSBUILD|NUGET_|VSCODE_|ELECTRON_)/i.test(key)) continue;
    env[key] = value;
  }
  env.PATH = pathWithoutDotnet(process.env.PATH ?? '/usr/bin:/bin', dirs.root);
  env.TMPDIR = dirs.tmp;
  env.XDG_CONFIG_HOME = dirs.xdgConfig;
  env.XDG_DATA_HOME = dirs.xdgData;
  env.XDG_CACHE_HOME = dirs.xdgCache;
  env.EXTENSIONS_GALLERY = '{"serviceUrl":""}';
  env.VENV_DOCTOR_E2E_NODE_MODULES = E2E_NODE_MODULES;
  return { ...env, ...extra };
}

function makeDirs(name) {
  // Each test file runs in its own process: a unique folder, not a counter, keeps them apart.
  fs.mkdirSync(RUN_ROOT, { recursive: true });
  const root = fs.mkdtempSync(path.join(RUN_ROOT, `vscode-${name.replace(/[^\w.-]+/g, '_')}-`));
  const dirs = {
    root,
    userData: path.join(root, 'user-data'),
    tmp: path.join(root, 'tmp'),
    xdgConfig: path.join(root, 'xdg-config'),
    xdgData: path.join(root, 'xdg-data'),
    xdgCache: path.join(root, 'xdg-cache'),
  };
  for (const dir of Object.values(dirs)) fs.mkdirSync(dir, { recursive: true });
  return dirs;
}

const installedExtensionDirs = new Map();

/**
 * Installs VSIX files with code-server's own `--install-extension` into an extensions folder kept for this run
 * (installing is the same for every test; profiles stay fresh per test). Returns that folder.
 */
export async function extensionsDirWith(vsixFiles) {
  const key = [...vsixFiles].sort().join('|');
  if (installedExtensionDirs.has(key)) return installedExtensionDirs.get(key);
  const dirs = makeDirs('install');
  const extensionsDir = path.join(dirs.root, 'extensions');
  fs.mkdirSync(extensionsDir, { recursive: true });
  for (const vsix of vsixFiles) {
    const { stdout, stderr } = await execFileAsync(NODE24, [CODE_SERVER_ENTRY,
      '--user-data-dir', dirs.userData, '--extensions-dir', extensionsDir, '--install-extension', vsix],
    { env: environmentWithoutDotnet(dirs), timeout: 120000 });
    if (!/successfully installed/i.test(stdout + stderr)) {
      throw new Error(`installing ${vsix} did not report success:\n${stdout}\n${stderr}`);
    }
  }
  installedExtensionDirs.set(key, extensionsDir);
  return extensionsDir;
}

/**
 * Starts code-server on a free port for `folder`.
 * @param {object} options
 * @param {string} options.name            used for folder and log names
 * @param {string} options.folder          the workspace folder to open
 * @param {string[]} [options.vsix]        VSIX files to install first
 * @param {boolean} [options.smokeTestDriver] enable the extension-test payload (extension-host tests)
 * @param {object} [options.settings]      extra user settings
 * @param {object} [options.env]           extra environment variables
 */
export async function startCodeServer({ name, folder, vsix = [], smokeTestDriver = false, settings = {}, env = {} }) {
  const dirs = makeDirs(name);
  const extensionsDir = vsix.length ? await extensionsDirWith(vsix) : path.join(dirs.root, 'extensions');
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(dirs.userData, 'User/settings.json'),
    JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2));
  const port = await freePort();
  const configFile = path.join(dirs.root, 'config.yaml');
  fs.writeFileSync(configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);

  const args = [CODE_SERVER_ENTRY,
    '--config', configFile,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    '--user-data-dir', dirs.userData,
    '--extensions-dir', extensionsDir,
    // The server would otherwise run the user's login shell and take PATH (with dotnet) from it.
    '--vscode-option', 'force-disable-user-env',
  ];
  if (smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  args.push(folder);

  const logFile = path.join(dirs.root, 'code-server.log');
  const log = fs.openSync(logFile, 'a');
  const processEnv = environmentWithoutDotnet(dirs, { VENV_DOCTOR_E2E_WORKSPACE: folder, ...env });
  const child = spawn(NODE24, args, { env: processEnv, stdio: ['ignore', log, log], cwd: dirs.root });
  fs.closeSync(log);
  let exited = null;
  child.on('exit', (code, signal) => { exited = { code, signal }; });

  const url = `http://127.0.0.1:${port}`;
  const server = {
    name, url, port, folder, dirs, extensionsDir, logFile, pid: child.pid, env: processEnv,
    get exited() { return exited; },
    /** Everything code-server started that is still alive (extension host, the sidecar, ...). */
    descendants: () => descendantsOf(child.pid),
    stop: () => stopServer(server, child),
    log: () => fs.readFileSync(logFile, 'utf8'),
  };
  try {
    await waitFor(`code-server ${name} to answer /healthz`, async () => {
      if (exited) throw new Error(`code-server exited (${exited.code ?? exited.signal}):\n${server.log().slice(-3000)}`);
      const response = await fetch(`${url}/healthz`);
      return response.ok;
    }, { timeoutMs: 60000 });
  } catch (e) {
    await server.stop();
    throw e;
  }
  return server;
}

async function stopServer(server, child) {
  // Remember the whole tree first: once the server is gone its children are re-parented and cannot be found.
  const tree = server.descendants();
  if (!server.exited) {
    child.kill('SIGTERM');
    try {
      await waitFor(`code-server ${server.name} (pid ${server.pid}) to exit`, () => server.exited, { timeoutMs: 10000 });
    } catch {
      child.kill('SIGKILL');
      await waitFor(`code-server ${server.name} to die`, () => server.exited, { timeoutMs: 5000 });
    }
  }
  for (const pid of tree.filter(isAlive)) {
    try { process.kill(pid, 'SIGTERM'); } catch { /* already gone */ }
  }
  try {
    await waitFor('code-server children to exit', () => tree.every((pid) => !isAlive(pid)), { timeoutMs: 5000 });
  } catch {
    for (const pid of tree.filter(isAlive)) { try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } }
  }
  keepLogs(server);
}

/** Copies the server's and VS Code's logs to artifacts/e2e/logs/<name>/ (CI keeps artifacts/). */
function keepLogs(server) {
  const target = path.join(ARTIFACTS, 'logs', path.basename(server.dirs.root));
  fs.mkdirSync(target, { recursive: true });
  try { fs.copyFileSync(server.logFile, path.join(target, 'code-server.log')); } catch { /* none */ }
  const vscodeLogs = path.join(server.dirs.userData, 'logs');
  if (fs.existsSync(vscodeLogs)) fs.cpSync(vscodeLogs, path.join(target, 'vscode'), { recursive: true });
}
