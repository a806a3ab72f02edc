// Venv Doctor specifics shared by the scenarios: its status item, answering its dialogs and pickers, and proof
// that the sidecar VS Code started is the self-contained build inside the installed extension.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { commandLineOf, environmentOf, executableOf, mappedFilesOf } from './processes.mjs';
import { extensionId } from './product.mjs';
import { waitFor } from './wait.mjs';

export const STATUS_ITEM_ID = 'venvDoctor.status';

export function statusItem(wb) {
  return wb.statusItem(extensionId(), STATUS_ITEM_ID);
}

export function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Waits until the status item shows `pattern` and one of the health icons `icons` (pass|warning|error). */
export async function waitForStatus(wb, pattern, icons, timeoutMs = 60000) {
  const item = statusItem(wb);
  await waitFor(`status item to show ${pattern} with icon ${icons.join('|')}`, async () => {
    const text = (await item.innerText()).trim();
    const shown = await wb.codicons(item);
    return pattern.test(text) && icons.some((i) => shown.includes(i)) ? text : undefined;
  }, { timeoutMs, intervalMs: 200 });
  return (await item.innerText()).trim();
}

export { driveUntil } from './workbench.mjs';

/**
 * The sidecar under this code-server must be the NativeAOT executable shipped in the installed extension, with no
 * .NET runtime loaded, no dotnet on its PATH and no DOTNET_ROOT.
 */
export async function assertSelfContainedSidecar(server, extensionsDir) {
  const pid = await waitFor('the venv-sidecar process', () =>
    server.descendants().find((p) => /venv-sidecar(\.exe)?$/.test(executableOf(p) ?? '')), { timeoutMs: 60000 });
  const exe = executableOf(pid);
  const serverDir = path.dirname(exe);
  assert.ok(exe.startsWith(fs.realpathSync(extensionsDir) + path.sep),
    `the sidecar ${exe} does not run from the installed extension under ${extensionsDir}`);
  assert.equal(path.basename(serverDir), 'server', `the sidecar is not in the extension's server/ folder: ${exe}`);
  assert.deepEqual(commandLineOf(pid).slice(1), ['serve'], `unexpected sidecar command line ${commandLineOf(pid)}`);
  const mapped = mappedFilesOf(pid);
  // NativeAOT: the process maps its own executable and system libraries, never a .NET runtime (libcoreclr.so,
  // libhostfxr.so, System.*.dll) from anywhere.
  assert.ok(mapped.includes(exe), `the sidecar's own executable is not mapped: ${exe}`);
  const runtime = mapped.filter((f) => /(libcoreclr|libhostfxr|libhostpolicy|libclrjit)\.so$|\.dll$/.test(f));
  assert.deepEqual(runtime, [], `the sidecar loaded a .NET runtime: ${runtime.join(', ')}`);
  const shared = mapped.filter((f) => /\/shared\/Microsoft\.NETCore\.App\//.test(f));
  assert.deepEqual(shared, [], `the sidecar loaded a machine-wide .NET: ${shared.join(', ')}`);
  const env = environmentOf(pid);
  assert.equal(env.DOTNET_ROOT, undefined, 'DOTNET_ROOT is set for the sidecar');
  for (const dir of (env.PATH ?? '').split(':')) {
    assert.ok(!fs.existsSync(path.join(dir, 'dotnet')), `dotnet is on the sidecar's PATH (${dir})`);
  }
  return { pid, exe };
}

/** Reads a JSON-with-comments settings file (what VS Code writes is plain JSON; people add comments). */
export function readSettingsFile(file) {
  if (!fs.existsSync(file)) return {};
  const text = fs.readFileSync(file, 'utf8').replace(/^\s*\/\/.*$/gm, '').replace(/,(\s*[}\]])/g, '$1');
  try { return JSON.parse(text || '{}'); } catch { return {}; }
}
