// The linux-arm64 NativeAOT sidecar, run under qemu-user on this x86-64 machine, against the x64 NativeAOT build of
// the same code on the same real venvs in the same run. Started by tests/qemu-arm64/run.sh, which makes the arm64
// roots and both builds first. Figures printed here (`# figure:`) are emulated: they say nothing about real arm64
// hardware, and no goal is set for them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { startSidecar, initialize, within } from '../interop/sidecar.mjs';
import { arm64Python, arm64Zlib, builds, elfFacts, figure, makeVenv, pythons, run, sitePackages, snapshot, start } from './harness.mjs';

const { arm64, x64 } = builds;
const slow = { timeout: 300_000 };
let work;        // every venv of the run is made below this folder
let scanned;     // the folder of real venvs both builds scan and diagnose

before(() => {
  work = mkdtempSync(join(tmpdir(), 'qemu-arm64-'));
  scanned = join(work, 'scanned');
  const found = pythons();
  assert.ok(found.length > 0, 'no Python found (/usr/bin/python3, ~/.pyenv/versions/3.*): the venv set would be empty');
  // A healthy venv of each Python; then, from the first, one moved, one copied and one that lost its pyvenv.cfg.
  found.forEach((python, i) => makeVenv(python, join(scanned, `healthy-${i}`, '.venv')));
  makeVenv(found[0], join(scanned, 'old-place', '.venv'));
  mkdirSync(join(scanned, 'moved'));
  renameSync(join(scanned, 'old-place', '.venv'), join(scanned, 'moved', '.venv'));
  cpSync(join(scanned, 'healthy-0', '.venv'), join(scanned, 'copied', '.venv'), { recursive: true, verbatimSymlinks: true });
  makeVenv(found.at(-1), join(scanned, 'no-config', '.venv'));
  rmSync(join(scanned, 'no-config', '.venv', 'pyvenv.cfg'));
});

after(() => { if (work) rmSync(work, { recursive: true, force: true }); });

test('the arm64 build is an AArch64 ELF that asks for glibc 2.31 at most', () => {
  const facts = elfFacts(arm64.executable);
  assert.equal(facts.machine, 'AArch64');
  assert.ok(facts.glibcCeiling, 'no GLIBC_ version needed: not a glibc executable?');
  assert.ok(facts.glibcCeiling.localeCompare('2.31', 'en', { numeric: true }) <= 0, `needs GLIBC_${facts.glibcCeiling}`);
  const x64Facts = elfFacts(x64.executable);
  figure(`sidecar size: arm64 ${mib(arm64.executable)} MiB, x64 ${mib(x64.executable)} MiB`);
  figure(`glibc ceiling: arm64 ${facts.glibcCeiling}, x64 ${x64Facts.glibcCeiling} (floor 2.31)`);
});

test('initialize → venv/list → shutdown/exit through vscode-jsonrpc, the same list as the x64 build', slow, async (t) => {
  const lists = {};
  for (const build of [arm64, x64]) {
    const started = performance.now();
    const { conn, exited } = startSidecar(t, { testMethods: false, executable: build.executable, launcher: build.launcher });
    const init = await within(60_000, initialize(conn, { workspaceFolders: [{ uri: `file://${scanned}`, name: 'scanned' }] }), `${build.name} initialize`);
    const initMs = performance.now() - started;
    assert.equal(init.serverInfo.name, 'venv-sidecar');
    const listStarted = performance.now();
    lists[build.name] = await within(120_000, conn.sendRequest('venv/list', {}), `${build.name} venv/list`);
    figure(`${build.name}: spawn → initialize answered ${initMs.toFixed(0)} ms, venv/list ${(performance.now() - listStarted).toFixed(0)} ms`);
    assert.equal(await within(30_000, conn.sendRequest('shutdown'), 'shutdown'), null);
    await conn.sendNotification('exit');
    assert.equal(await within(30_000, exited, `${build.name} exit`), 0);
  }
  const healthy = lists[arm64.name].environments.filter((e) => e.health === 'ok').map((e) => basename(e.path.replace(/\/\.venv$/, '')));
  assert.ok(healthy.includes('healthy-0'), `arm64 venv/list: ${JSON.stringify(lists[arm64.name].environments.map((e) => [e.path, e.health]))}`);
  assert.deepEqual(byPath(lists[arm64.name].environments), byPath(lists[x64.name].environments));
});

test('scan --json of real venvs: the same environments, findings and suggestions as the x64 build', slow, () => {
  const results = {};
  for (const build of [arm64, x64]) {
    const r = run(build, ['scan', '--json', scanned]);
    assert.ok(r.status === 1, `${build.name} scan exits 1 (a broken venv is in the set): exit ${r.status} ${r.stderr}`);
    results[build.name] = { doc: JSON.parse(r.stdout), ms: r.ms };
  }
  figure(`whole-process scan of ${results[x64.name].doc.environments.length} venvs: arm64 under qemu ${results[arm64.name].ms.toFixed(0)} ms, x64 ${results[x64.name].ms.toFixed(0)} ms`);
  const a = results[arm64.name].doc;
  const b = results[x64.name].doc;
  const codes = Object.fromEntries(b.environments.map((e) => [basename(e.path.replace(/\/\.venv$/, '')), e.findings.map((f) => f.code)]));
  // The set is what it should be, so that "the same" means something: each kind of breakage is in it.
  assert.deepEqual(codes.moved.includes('moved'), true, JSON.stringify(codes));
  assert.deepEqual(codes.copied.includes('copied'), true, JSON.stringify(codes));
  assert.ok(codes['no-config'].length > 0, JSON.stringify(codes));
  assert.deepEqual(codes['healthy-0'], []);
  assert.deepEqual(byPath(a.environments), byPath(b.environments));
  assert.deepEqual(a.settings, b.settings);
  assert.deepEqual(a.skipped, b.skipped);
});

test('watch reports a renamed venv as one moved line', slow, async (t) => {
  const root = join(work, 'watched');
  makeVenv(pythons()[0], join(root, 'before', '.venv'));
  const proc = start(arm64, ['watch', root, '--json']);
  t.after(() => { if (proc.exitCode === null) proc.kill('SIGKILL'); });
  // Every JSON line watch prints, and the waiters for a line that matches.
  const lines = [];
  const waiters = [];
  let buffer = '';
  proc.stdout.on('data', (d) => {
    buffer += d;
    const parts = buffer.split('\n');
    buffer = parts.pop();
    lines.push(...parts.filter(Boolean).map((l) => JSON.parse(l)));
    for (const w of waiters) { const line = lines.find(w.predicate); if (line) w.resolve(line); }
  });
  const seen = (predicate) => new Promise((resolve) => {
    const line = lines.find(predicate);
    if (line) resolve(line); else waiters.push({ predicate, resolve });
  });
  await within(120_000, seen((l) => l.event === 'ready'), 'watch ready');
  const moved = seen((l) => l.event === 'moved');
  const renamedAt = performance.now();
  renameSync(join(root, 'before'), join(root, 'after'));
  const line = await within(60_000, moved, 'a moved line after the rename');
  figure(`watch under qemu: rename → moved line ${(performance.now() - renamedAt).toFixed(0)} ms`);
  assert.equal(line.from, join(root, 'before', '.venv'));
  assert.equal(line.to, join(root, 'after', '.venv'));
  assert.deepEqual(lines.filter((l) => l.event === 'removed' || l.event === 'added'), [], 'a rename is not removed + added');
  proc.kill('SIGTERM');
  assert.equal(await within(30_000, new Promise((r) => proc.on('exit', (code) => r(code))), 'watch exit'), 0);
});

test('repair --action relocate of a moved venv, then undo restores it byte for byte', slow, () => {
  const venv = join(work, 'relocate', 'new', '.venv');
  makeVenv(pythons()[0], join(work, 'relocate', 'old', '.venv'), { pip: true });
  mkdirSync(join(work, 'relocate', 'new'));
  renameSync(join(work, 'relocate', 'old', '.venv'), venv);
  const broken = snapshot(venv);
  assert.notEqual(pipVersion(venv).status, 0, 'bin/pip of the moved venv should fail before the repair (the test would prove nothing)');

  const repaired = run(arm64, ['repair', venv, '--action', 'relocate', '--json']);
  assert.equal(repaired.status, 0, repaired.stdout + repaired.stderr);
  assert.equal(JSON.parse(repaired.stdout).diagnosis.health, 'ok');
  const pip = pipVersion(venv);
  assert.equal(pip.status, 0, pip.stderr);
  assert.ok(pip.stdout.includes(`${venv}/`), pip.stdout);

  const undone = run(arm64, ['undo', venv, '--json']);
  assert.equal(undone.status, 0, undone.stdout + undone.stderr);
  const result = JSON.parse(undone.stdout);
  assert.equal(result.restored, true);
  assert.equal(result.diagnosis.health, 'broken', 'undone, the venv is the moved one again');
  assert.deepEqual(snapshot(venv), broken, 'undo restores every file, link and mode');
});

test('x86-64 compiled modules are foreign-binary to an arm64 venv; Debian\'s aarch64 ones are not', slow, () => {
  // A venv made by Debian's arm64 python3 under qemu: its interpreter, and so what it can load, is aarch64.
  const venv = join(work, 'arm64-venv', '.venv');
  makeVenv(arm64Python.executable, venv, { launcher: arm64Python.launcher() });
  const site = sitePackages(venv);
  const dynload = join(arm64Python.root, 'usr', 'lib', basename(join(site, '..')), 'lib-dynload');
  const x86Module = firstCompiledModule(pythons()[0]);
  const armModule = join(dynload, readdirSync(dynload).filter((n) => n.endsWith('-aarch64-linux-gnu.so')).sort()[0]);
  install(site, 'vdx86', [[x86Module, 'vdx86/_speed.cpython-39-aarch64-linux-gnu.so']]);
  install(site, 'vdarm', [[armModule, 'vdarm/_speed.cpython-39-aarch64-linux-gnu.so'], [arm64Zlib, 'vdarm.libs/libz.so.1']]);

  const results = {};
  for (const build of [arm64, x64]) {
    const r = run(build, ['scan', '--json', join(work, 'arm64-venv')]);
    const [env] = JSON.parse(r.stdout).environments;
    assert.ok(env, `${build.name} found no environment: ${r.stderr}`);
    results[build.name] = env;
  }
  const env = results[arm64.name];
  const foreign = env.findings.filter((f) => f.code === 'foreign-binary');
  assert.deepEqual(foreign.map((f) => f.data.distribution), ['vdx86'], JSON.stringify(env.findings));
  assert.equal(foreign[0].data.expected, 'ELF aarch64 (glibc)');
  assert.equal(foreign[0].data.formats, 'ELF x86_64 (glibc)');
  // Under qemu the aarch64 libc these files need is where an arm64 machine keeps it (the library root), so the arm64
  // build says nothing about them; the x64 build reads this machine's folders, which hold no aarch64 libc, and says
  // library-missing. Those findings are the only ones the two builds may differ in.
  assert.ok(!JSON.stringify(env.findings).includes('vdarm'), `nothing about the aarch64 files: ${JSON.stringify(env.findings)}`);
  // Foreign or not is read from the venv's base interpreter's header, not from the CPU the sidecar runs on.
  const x64Foreign = results[x64.name].findings.filter((f) => f.code === 'foreign-binary');
  assert.deepEqual(foreign, x64Foreign);
  assert.deepEqual(withoutCompiledModuleFindings(results[arm64.name]), withoutCompiledModuleFindings(results[x64.name]));
});

/** An environment without what is said about its compiled files (findings and the reinstall they suggest). */
function withoutCompiledModuleFindings(env) {
  const compiled = new Set(['foreign-binary', 'extension-abi-mismatch', 'library-missing']);
  return {
    ...env,
    health: undefined,
    findings: env.findings.filter((f) => !compiled.has(f.code)),
    suggestions: env.suggestions.filter((s) => s.action !== 'reinstall-binaries'),
  };
}

function byPath(environments) {
  return [...environments].sort((a, b) => a.path.localeCompare(b.path));
}

function mib(path) {
  return (statSync(path).size / 1024 / 1024).toFixed(1);
}

function pipVersion(venv) {
  try {
    return { status: 0, stdout: execFileSync(join(venv, 'bin', 'pip'), ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }), stderr: '' };
  } catch (e) {
    return { status: e.status ?? 1, stdout: String(e.stdout ?? ''), stderr: String(e.stderr ?? e.message) };
  }
}

/** A compiled module of a real x86-64 Python's standard library (its lib-dynload), found by asking that Python. */
function firstCompiledModule(python) {
  const code = "import glob, sysconfig; print(sorted(glob.glob(sysconfig.get_path('platstdlib') + '/lib-dynload/*.so'))[0])";
  return execFileSync(python, ['-c', code], { encoding: 'utf8' }).trim();
}

/** Installs files into site-packages as a distribution NAME 1.0 would: the files, and a RECORD naming them. */
function install(site, name, files) {
  const record = [];
  for (const [source, target] of files) {
    mkdirSync(join(site, target, '..'), { recursive: true });
    copyFileSync(source, join(site, target));
    record.push(`${target},,`);
  }
  const info = join(site, `${name}-1.0.dist-info`);
  mkdirSync(info);
  writeFileSync(join(info, 'METADATA'), `Metadata-Version: 2.1\nName: ${name}\nVersion: 1.0\n`);
  writeFileSync(join(info, 'RECORD'), [...record, `${name}-1.0.dist-info/METADATA,,`, `${name}-1.0.dist-info/RECORD,,`, ''].join('\n'));
}
