// The Venv Doctor VSIX under test: its manifest (extension id, palette commands), an unpacked copy for the
// extension-host tests, and which capabilities its sidecar has. Only a VSIX that could not be built is a reason
// to skip (01-package fails for it); an extension that lacks a command, or a sidecar that crashes or does not
// serve a method, verb or action a scenario needs, FAILS that scenario with the precise reason.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PRODUCT_VSIX, PRODUCT_VSIX_MISSING_REASON, RUN_ROOT } from './paths.mjs';
import { findPython, makeVenv } from './pythons.mjs';

let manifestCache;
let unpackedCache;
let sidecarCache;

export function productVsix() {
  return PRODUCT_VSIX && fs.existsSync(PRODUCT_VSIX) ? PRODUCT_VSIX : undefined;
}

/** Why no product scenario can run, or undefined when the VSIX is there. */
export function productMissingReason() {
  if (productVsix()) return undefined;
  return PRODUCT_VSIX_MISSING_REASON ?? `no VSIX at ${PRODUCT_VSIX ?? '(VENV_DOCTOR_E2E_VSIX unset)'}`;
}

/** The VSIX unpacked once per run (its extension/ folder), for extensionDevelopmentPath and the sidecar probe. */
export function unpackedExtension() {
  if (unpackedCache) return unpackedCache;
  const target = path.join(RUN_ROOT, 'unpacked-vsix');
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(target, { recursive: true });
  // unzip keeps the executable bits the VSIX records (the sidecar's apphost needs them).
  execFileSync('unzip', ['-q', productVsix(), 'extension/*', '-d', target]);
  unpackedCache = path.join(target, 'extension');
  return unpackedCache;
}

export function manifest() {
  if (!manifestCache) manifestCache = JSON.parse(fs.readFileSync(path.join(unpackedExtension(), 'package.json'), 'utf8'));
  return manifestCache;
}

export function extensionId() {
  const m = manifest();
  return `${m.publisher}.${m.name}`;
}

/** Palette commands: contributes.commands minus those hidden from the palette (menus.commandPalette when=false). */
export function paletteCommands() {
  const m = manifest();
  const hidden = new Set((m.contributes?.menus?.commandPalette ?? []).filter((e) => e.when === 'false').map((e) => e.command));
  return (m.contributes?.commands ?? []).filter((c) => !hidden.has(c.command))
    .map((c) => ({ id: c.command, title: c.category ? `${c.category}: ${c.title}` : c.title }));
}

/** "Category: Title" of a contributed command, or undefined when the extension does not contribute it. */
export function commandTitle(id) {
  return paletteCommands().find((c) => c.id === id)?.title;
}

/**
 * The reason a scenario must skip (no VSIX was built: 01-package reports that as a failure), or undefined.
 * Throws — so the scenario fails — when the extension lacks a command or the bundled sidecar crashes or does not
 * serve what the scenario needs: a product that is broken is a failure, never a skip.
 */
export async function missingCapability({ commands = [], sidecarMethods = [], sidecarVerbs = [], discovers = [], repairActions = [] } = {}) {
  const noVsix = productMissingReason();
  if (noVsix) return noVsix;
  const fail = (why) => { throw new Error(why); };
  for (const id of commands) {
    if (!commandTitle(id)) fail(`extension command ${id} not present`);
  }
  if (sidecarMethods.length || sidecarVerbs.length || discovers.length || repairActions.length) {
    const sidecar = await sidecarCapabilities();
    if (sidecar.error) fail(`bundled sidecar does not serve: ${sidecar.error}`);
    for (const method of sidecarMethods) {
      if (!sidecar.methods.has(method)) fail(`sidecar method ${method} not implemented (JSON-RPC MethodNotFound)`);
    }
    for (const verb of sidecarVerbs) {
      if (!sidecar.verbs.has(verb)) fail(`sidecar CLI verb "${verb}" not present`);
    }
    for (const action of repairActions) {
      const unknown = sidecar.unknownActions.get(action);
      if (unknown) fail(`sidecar venv/planRepair does not know action "${action}" (${unknown})`);
    }
    for (const what of discovers) {
      if (!sidecar.discovers.has(what)) fail(DISCOVERY_MISSING[what] + (sidecar.listError ? ` (${sidecar.listError})` : ''));
    }
  }
  return undefined;
}

/** The path of the sidecar inside the unpacked VSIX. */
export function bundledSidecar() {
  return path.join(unpackedExtension(), 'server', process.platform === 'win32' ? 'venv-sidecar.exe' : 'venv-sidecar');
}

/** What a real venv/list finds in the probe folder; a placeholder handler answers an empty report. */
const DISCOVERY_MISSING = {
  environments: 'sidecar venv/list finds no environment in a folder holding a .venv (discovery not served yet)',
  settings: 'sidecar venv/list reports no interpreter setting for a .vscode/settings.json naming one (settings discovery not served yet)',
};

const PROBED_METHODS = ['venv/list', 'venv/diagnose', 'venv/interpreters', 'venv/planRepair', 'venv/applyRepair', 'venv/undoRepair', 'venv/dependents'];
const PROBED_ACTIONS = ['relocate', 'recreate', 'relink-base'];
const PROBED_VERBS = ['scan', 'watch', 'repair', 'undo', 'serve'];

/**
 * Starts the bundled sidecar once, initializes it and sends each known method with empty params: an answer or
 * any error but MethodNotFound (-32601) means the method exists. CLI verbs are probed with `<verb> --help`.
 */
export async function sidecarCapabilities() {
  if (sidecarCache) return sidecarCache;
  const exe = bundledSidecar();
  const verbs = new Set();
  for (const verb of PROBED_VERBS) {
    try {
      execFileSync(exe, [verb, '--help'], { stdio: 'ignore', timeout: 15000 });
      verbs.add(verb);
    } catch { /* not there */ }
  }
  const folder = probeWorkspace();
  try {
    const { methods, list, plans } = await probeMethods(exe, folder);
    // A planRepair that fails with "Unknown action" means the action is not implemented; any other answer
    // (a plan, or "nothing to do" for a healthy venv) means it is.
    const unknownActions = new Map();
    for (const [action, answer] of plans) {
      const message = answer?.error?.message ?? '';
      if (/unknown action/i.test(message)) unknownActions.set(action, message.split('\n')[0]);
    }
    const discovers = new Set();
    const venv = path.join(folder, '.venv');
    if ((list?.result?.environments ?? []).some((e) => e.path === venv)) discovers.add('environments');
    if ((list?.result?.settings ?? []).some((s) => /settings\.json$/.test(s.file ?? ''))) discovers.add('settings');
    sidecarCache = { methods, verbs, discovers, unknownActions, listError: list?.error?.message };
  } catch (e) {
    sidecarCache = { methods: new Set(), verbs, discovers: new Set(), unknownActions: new Map(), error: e.message };
  }
  return sidecarCache;
}

/** A folder with a .venv and a settings.json naming an interpreter that does not exist. */
function probeWorkspace() {
  const folder = path.join(RUN_ROOT, 'sidecar-probe');
  fs.rmSync(folder, { recursive: true, force: true });
  fs.mkdirSync(path.join(folder, '.vscode'), { recursive: true });
  const python = findPython();
  if (python) makeVenv(python, path.join(folder, '.venv'));
  fs.writeFileSync(path.join(folder, '.vscode/settings.json'),
    JSON.stringify({ 'python.defaultInterpreterPath': path.join(folder, 'gone/bin/python') }));
  return folder;
}

function probeMethods(exe, folder) {
  return new Promise((resolve, reject) => {
    const child = spawn(exe, ['serve'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const answers = new Map();
    let buffer = Buffer.alloc(0);
    let stderr = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`no answers within 20 s; stderr: ${stderr.slice(-500)}`)); }, 20000);
    const send = (m) => {
      const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...m }));
      child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
      child.stdin.write(body);
    };
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (answers.size < PROBED_METHODS.length + 2 + PROBED_ACTIONS.length) reject(new Error(`exited with ${code}; stderr: ${stderr.slice(-500)}`));
    });
    child.stdout.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) break;
        const length = Number(/Content-Length:\s*(\d+)/i.exec(buffer.subarray(0, end).toString())?.[1]);
        if (buffer.length < end + 4 + length) break;
        const message = JSON.parse(buffer.subarray(end + 4, end + 4 + length).toString());
        buffer = buffer.subarray(end + 4 + length);
        if (message.id === undefined || message.method) continue;
        answers.set(message.id, message);
        if (message.id === 0) {
          send({ method: 'initialized', params: {} });
          PROBED_METHODS.forEach((method, i) => send({ id: i + 1, method, params: {} }));
          send({ id: 100, method: 'venv/list', params: { scope: 'workspace', roots: [folder] } });
          PROBED_ACTIONS.forEach((action, i) =>
            send({ id: 200 + i, method: 'venv/planRepair', params: { path: path.join(folder, '.venv'), action } }));
        }
        if (answers.size === PROBED_METHODS.length + 2 + PROBED_ACTIONS.length) {
          clearTimeout(timer);
          send({ id: 999, method: 'shutdown' });
          send({ method: 'exit' });
          child.stdin.end();
          setTimeout(() => child.kill('SIGKILL'), 3000).unref();
          resolve({
            methods: new Set(PROBED_METHODS.filter((_, i) => answers.get(i + 1)?.error?.code !== -32601)),
            list: answers.get(100),
            plans: PROBED_ACTIONS.map((action, i) => [action, answers.get(200 + i)]),
          });
        }
      }
    });
    const uri = `file://${folder}`;
    send({ id: 0, method: 'initialize', params: { processId: process.pid, rootUri: uri,
      workspaceFolders: [{ uri, name: path.basename(folder) }], capabilities: {}, initializationOptions: { watch: false } } });
  });
}
