// Base Pythons as Windows registers and places them, read by the win-x64 sidecar under Wine from Wine's own registry
// and C: drive: a python.org install found only through its PEP 514 registration (`wine reg add`), and the
// Microsoft Store's Python (its alias folder under %LOCALAPPDATA%\Microsoft\WindowsApps and its versioned package
// folder under C:\Program Files\WindowsApps) with a venv made from the package folder: base-versioned-folder while
// the folder is there and once it is gone, relink-base to the alias folder, then undo byte for byte.
// Everything this file adds to the shared prefix is removed at its end. Started by tests/wine/run.sh.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cDrive, hashTree, layoutPython, localAppData, makeBase, makeWindowsVenv, run, wineTool, winPath } from './harness.mjs';

const REG_KEY = 'HKCU\\Software\\Python\\PythonCore\\3.12';
const STORE_ID = 'qbz5n2kfra8p0';

let work;      // the venvs of this file
let added;     // folders made in the prefix, removed at the end
before(() => { work = mkdtempSync(join(tmpdir(), 'wine-bases-')); added = []; });
after(() => {
  for (const folder of added) rmSync(folder, { recursive: true, force: true });
  try { wineTool(['reg', 'delete', 'HKCU\\Software\\Python', '/f']); } catch { /* never added */ }
  if (work) rmSync(work, { recursive: true, force: true });
});

/** `scan --json` of `folder` (a Linux path): its document. */
function scan(folder) {
  const r = run(['scan', '--json', winPath(folder)]);
  assert.ok(r.stdout.trim(), `scan --json printed nothing (exit ${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout);
}

const same = (a, b) => a.toLowerCase() === b.toLowerCase();

test('a python.org install registered only under PEP 514 in Wine\'s registry is a base, its version from its files', { timeout: 120_000 }, () => {
  // C:\Python312 as python.org lays it out, in no folder an installer uses by default: only the registry names it.
  const folder = join(cDrive, 'Python312');
  added.push(folder);
  const stub = join(layoutPython().distlib, 't64.exe');   // the suite's stand-in PE for python.exe
  mkdirSync(join(folder, 'Lib', 'encodings'), { recursive: true });
  mkdirSync(join(folder, 'include'), { recursive: true });
  copyFileSync(stub, join(folder, 'python.exe'));
  copyFileSync(stub, join(folder, 'python312.dll'));
  writeFileSync(join(folder, 'Lib', 'encodings', '__init__.py'), '');
  writeFileSync(join(folder, 'include', 'patchlevel.h'), '#define PY_MAJOR_VERSION 3\n#define PY_VERSION "3.12.7"\n');
  const empty = join(work, 'empty');
  mkdirSync(empty);
  const listed = (doc) => doc.interpreters.find((i) => same(i.executable, 'C:\\Python312\\python.exe'));

  assert.equal(listed(scan(empty)), undefined, 'listed before it is registered');
  wineTool(['reg', 'add', `${REG_KEY}\\InstallPath`, '/ve', '/d', 'C:\\Python312', '/f']);
  wineTool(['reg', 'add', `${REG_KEY}\\InstallPath`, '/v', 'ExecutablePath', '/d', 'C:\\Python312\\python.exe', '/f']);
  // PEP 514's Version and SysVersion on the tag's key; Version older than the files say: the files win.
  wineTool(['reg', 'add', REG_KEY, '/v', 'Version', '/d', '3.12.4', '/f']);
  wineTool(['reg', 'add', REG_KEY, '/v', 'SysVersion', '/d', '3.12', '/f']);

  const doc = scan(empty);
  const base = listed(doc);
  assert.ok(base, `not listed: ${JSON.stringify(doc.interpreters)}`);
  assert.equal(base.version, '3.12.7', 'patchlevel.h, not the registry\'s Version');
  assert.equal(base.source, 'python.org');
  assert.ok(same(base.prefix, 'C:\\Python312'), base.prefix);
});

test('a venv on the Store\'s versioned package folder: warning, error once gone, relink-base to the alias folder, undo byte for byte', { timeout: 300_000 }, () => {
  const minor = layoutPython().version.split('.').slice(0, 2).join('.');
  const local = localAppData();
  const aliasName = `PythonSoftwareFoundation.Python.${minor}_${STORE_ID}`;
  const alias = join(local.linux, 'Microsoft', 'WindowsApps', aliasName);
  const aliasWin = `${local.windows}\\Microsoft\\WindowsApps\\${aliasName}`;
  const packageName = `PythonSoftwareFoundation.Python.${minor}_${minor}.1264.0_x64__${STORE_ID}`;
  const pkg = join(cDrive, 'Program Files', 'WindowsApps', packageName);
  const pkgWin = `C:\\Program Files\\WindowsApps\\${packageName}`;
  added.push(alias, pkg);
  // The alias folder holds app execution aliases (not files to read): an empty python.exe stands for one.
  mkdirSync(alias, { recursive: true });
  writeFileSync(join(alias, 'python.exe'), '');
  makeBase(pkg);
  const scanned = join(work, 'store');
  const venv = join(scanned, '.venv');
  makeWindowsVenv(venv, `${pkgWin}\\python.exe`);
  assert.match(readFileSync(join(venv, 'pyvenv.cfg'), 'utf8'), new RegExp(`^home = ${pkgWin.replaceAll('\\', '\\\\').replaceAll('.', '\\.')}\\r?$`, 'm'));
  const environment = () => {
    const doc = scan(scanned);
    assert.equal(doc.environments.length, 1, JSON.stringify(doc.environments.map((e) => e.path)));
    return doc.environments[0];
  };
  const versioned = (env) => env.findings.find((f) => f.code === 'base-versioned-folder');

  // The package folder is there: a warning, and its fix is the alias folder of the same minor.
  let env = environment();
  let finding = versioned(env);
  assert.ok(finding, JSON.stringify(env.findings));
  assert.equal(finding.severity, 'warning');
  assert.equal(env.health, 'warning', JSON.stringify(env.findings));
  assert.ok(same(finding.data.folder, pkgWin), finding.data.folder);
  assert.equal(finding.data.exists, 'true');
  assert.ok(same(finding.data.stable, `${aliasWin}\\python.exe`), finding.data.stable);
  assert.ok(finding.message.toLowerCase().includes(aliasWin.toLowerCase()), finding.message);
  const relink = env.suggestions.find((s) => s.action === 'relink-base');
  assert.ok(relink && same(relink.data.base, `${aliasWin}\\python.exe`), JSON.stringify(env.suggestions));

  // A Store update removed it: an error.
  rmSync(pkg, { recursive: true });
  env = environment();
  finding = versioned(env);
  assert.ok(finding, JSON.stringify(env.findings));
  assert.equal(finding.severity, 'error');
  assert.equal(finding.data.exists, 'false');
  assert.equal(env.health, 'broken');
  assert.ok(env.suggestions.some((s) => s.action === 'relink-base'), JSON.stringify(env.suggestions));

  const broken = hashTree(venv);
  const repaired = run(['repair', winPath(venv), '--action', 'relink-base', '--json']);
  assert.equal(repaired.status, 0, repaired.stdout + repaired.stderr);
  assert.equal(JSON.parse(repaired.stdout).applied, true, repaired.stdout);
  const home = readFileSync(join(venv, 'pyvenv.cfg'), 'utf8').match(/^home = (.+?)\r?$/m)?.[1];
  assert.ok(home && same(home, aliasWin), `home = ${home}`);
  env = environment();
  assert.deepEqual(env.findings.map((f) => f.code).filter((c) => c.startsWith('base-')), [], JSON.stringify(env.findings));
  assert.notEqual(env.health, 'broken', JSON.stringify(env.findings));

  const undone = run(['undo', winPath(venv), '--json']);
  assert.equal(undone.status, 0, undone.stdout + undone.stderr);
  assert.equal(JSON.parse(undone.stdout).restored, true, undone.stdout);
  assert.deepEqual(hashTree(venv), broken, 'undo restores every file byte for byte');
  assert.equal(versioned(environment()).severity, 'error', 'undone, the venv is on the removed package folder again');
});
