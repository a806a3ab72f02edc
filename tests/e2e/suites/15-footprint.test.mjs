// Scenario: what starts when (issue #19, item 5; README "What starts when"). A large-ish JavaScript tree whose only
// Python is a stray script five levels down does not activate Venv Doctor: no sidecar process. Opening the script
// activates it (onLanguage:python) with the light footprint: a walk and a watch of the top two levels only (a few
// dozen inotify watches where the full watch takes a thousand), which do not reach an old environment four levels
// down; Scan Workspace then grows it to the full walk, which finds that environment and watches the tree. A venv made
// two levels down while the footprint is light grows it too. A workspace with a pyvenv.cfg five levels down
// activates at start-up with the full footprint. Facts come from VS Code's own extension-host log (which event activated what), the
// extension's log, the view, and /proc (the sidecar process and its inotify watches).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { FIXTURE_VSIX } from '../lib/paths.mjs';
import { commandTitle, missingCapability, productVsix } from '../lib/product.mjs';
import { executableOf } from '../lib/processes.mjs';
import { findPython, makeVenv } from '../lib/pythons.mjs';
import { scratchDir, withVSCode } from '../lib/scenario.mjs';
import { waitFor } from '../lib/wait.mjs';

const VIEW_TITLE = /Python Environments Health/i;
const FIXTURE_ID = 'venvdoctor-test.e2e-fixture';
const STRAY = 'tools/ci/scripts/legacy/python/stray.py';
/** VS Code gives up a workspaceContains glob search after 7 s (and then activates anyway): watch past that. */
const QUIET_MS = 10000;

describe('scenario: the footprint where Python is incidental', () => {
  it('a stray .py does not activate; opening it gives the light footprint; Scan Workspace grows it', async (t) => {
    const skip = await missingCapability({ commands: ['venvDoctor.scanWorkspace'], discovers: ['environments'] });
    if (skip) return t.skip(skip);
    if (!FIXTURE_VSIX) return t.skip('VENV_DOCTOR_E2E_FIXTURE_VSIX is not set (run through tests/e2e/run.sh)');
    const python = findPython();
    if (!python) return t.skip('no Python 3.8+ interpreter on this machine');
    const folder = scratchDir('footprint-stray');
    makeJavaScriptTree(folder);
    const oldEnv = makeVenvShaped(python, path.join(folder, 'packages/p042/vendor/legacy-env'));
    const folders = countFolders(folder);
    t.diagnostic(`tree: ${folders.all} folders; stray script ${STRAY}; environment without pyvenv.cfg at ${path.relative(folder, oldEnv)}`);

    await withVSCode({ scenario: 'footprint-stray', folder, vsix: [productVsix(), FIXTURE_VSIX] }, async (wb, server) => {
      await t.test('start-up ends without activating Venv Doctor: no sidecar process', async () => {
        // The fixture extension activates on onStartupFinished: its status item says start-up activation is done.
        await wb.statusItem(FIXTURE_ID, 'e2eFixture.status').waitFor({ state: 'visible', timeout: 60000 });
        await holdsFor(QUIET_MS, () => {
          assert.equal(sidecarOf(server), undefined, 'a sidecar process was started');
          assert.equal(activationOf(server), undefined, 'Venv Doctor was activated');
        });
        assert.ok(activations(server).some((l) => l.includes(FIXTURE_ID)), 'the extension-host log lists activations');
        await wb.screenshot('not-activated');
      });

      let lightSidecar;
      let lightWatches;
      await t.test('opening the script activates it with the light footprint: a two-level walk and watch', async () => {
        await wb.openFileByQuickOpen(STRAY);
        lightSidecar = await waitFor('the sidecar process', () => sidecarOf(server), { timeoutMs: 60000 });
        assert.match(await waitFor('the activation in the extension-host log', () => activationOf(server)), /activationEvent: 'onLanguage:python'/);
        const footprint = await waitFor('the footprint in the log', () => logLines(server).find((l) => /Footprint: light/.test(l)));
        t.diagnostic(footprint.trim());
        assert.match(footprint, /a Python file is open.*walked 2 level\(s\) deep and watched live/);
        t.diagnostic((await watchReady(server)).trim());
        lightWatches = inotifyWatches(lightSidecar);
        t.diagnostic(`light footprint: ${lightWatches} inotify watches; ${folders.shallow} folders in the top two levels (node_modules aside)`);
        assert.ok(lightWatches > 0 && lightWatches <= folders.shallow, `${lightWatches} watches for ${folders.shallow} folders two levels deep`);
        // The view is empty: the walk stopped two levels down, above packages/p042/vendor/legacy-env.
        const pane = wb.viewPane(VIEW_TITLE);
        await wb.expandViewPane(pane);
        await pane.locator('.welcome-view-content', { hasText: 'No Python environment in this workspace yet' })
          .waitFor({ state: 'visible', timeout: 60000 });
        assert.equal(sidecarOf(server), lightSidecar, 'showing the view did not grow the footprint');
        await wb.screenshot('light');
      });

      await t.test('Scan Workspace grows it to the full walk: the deep environment is found and the tree watched', async () => {
        await wb.runCommand(commandTitle('venvDoctor.scanWorkspace'));
        const pane = wb.viewPane(VIEW_TITLE);
        await wb.treeRow(pane, 'legacy-env').waitFor({ state: 'visible', timeout: 90000 });
        assert.ok(logLines(server).some((l) => /Footprint: full \(Scan Workspace was run\): workspace walked any depth and watched live/.test(l)));
        const fullSidecar = await waitFor('the restarted sidecar', () => (sidecarOf(server) !== lightSidecar ? sidecarOf(server) : undefined));
        t.diagnostic((await watchReady(server, 2)).trim());
        const watches = inotifyWatches(fullSidecar);
        assert.ok(watches > 10 * lightWatches, `the full watch (${watches}) should dwarf the light one (${lightWatches})`);
        t.diagnostic(`full footprint: ${watches} inotify watches for ${folders.all} folders, ${folders.nodeModules} of them in node_modules (pruned)`);
        // Fewer than the tree's folders: node_modules (a quarter of them) is pruned; environments' roots, bin and lib
        // and their base interpreter's folders are the only watches beyond the walked tree.
        assert.ok(watches < folders.all, `${watches} watches for ${folders.all} folders: node_modules was watched too`);
        await wb.screenshot('full');
      });
    });
  });

  it('an environment made while the footprint is light grows it to full', async (t) => {
    const skip = await missingCapability({ discovers: ['environments'] });
    if (skip) return t.skip(skip);
    const python = findPython();
    if (!python) return t.skip('no Python 3.8+ interpreter on this machine');
    const folder = scratchDir('footprint-grows');
    makeJavaScriptTree(folder);

    await withVSCode({ scenario: 'footprint-grows', folder, vsix: [productVsix()] }, async (wb, server) => {
      // The view, like a command or an opened Python file, starts the light footprint.
      const pane = wb.viewPane(VIEW_TITLE);
      await wb.expandViewPane(pane);
      await waitFor('the light footprint', () => logLines(server).some((l) => /Footprint: light/.test(l)), { timeoutMs: 60000 });
      const lightSidecar = await waitFor('the sidecar process', () => sidecarOf(server));
      await watchReady(server);
      // Two levels down, where the light footprint watches.
      makeVenv(python, path.join(folder, 'services/.venv'));
      const grown = await waitFor('the footprint to grow', () => logLines(server).find((l) => /Footprint: full/.test(l)), { timeoutMs: 60000 });
      t.diagnostic(grown.trim());
      assert.match(grown, /a Python environment is in the workspace\): workspace walked any depth and watched live/);
      await wb.treeRow(pane, 'services/.venv').waitFor({ state: 'visible', timeout: 60000 });
      const fullSidecar = await waitFor('the restarted sidecar', () => (sidecarOf(server) !== lightSidecar ? sidecarOf(server) : undefined));
      t.diagnostic((await watchReady(server, 2)).trim());
      assert.ok(inotifyWatches(fullSidecar) > 0, 'the full footprint watches the tree');
      await wb.screenshot('grown');
    });
  });

  it('a pyvenv.cfg five levels down activates at start-up with the full footprint', async (t) => {
    const skip = await missingCapability({ discovers: ['environments'] });
    if (skip) return t.skip(skip);
    const python = findPython();
    if (!python) return t.skip('no Python 3.8+ interpreter on this machine');
    const folder = scratchDir('footprint-deep-venv');
    makeJavaScriptTree(folder);
    makeVenv(python, path.join(folder, 'services/backend/api/v2/.venv'));

    await withVSCode({ scenario: 'footprint-deep-venv', folder, vsix: [productVsix()] }, async (wb, server) => {
      const sidecar = await waitFor('the sidecar process, with no file opened', () => sidecarOf(server), { timeoutMs: 60000 });
      // VS Code names the glob events it searched for together; ours leads with the pyvenv.cfg one.
      assert.match(await waitFor('the activation', () => activationOf(server)), /startup: true, activationEvent: 'workspaceContains:\*\*\/pyvenv\.cfg[,']/);
      const footprint = await waitFor('the footprint in the log', () => logLines(server).find((l) => /Footprint: full/.test(l)));
      t.diagnostic(footprint.trim());
      assert.match(footprint, /a Python environment is in the workspace/);
      t.diagnostic((await watchReady(server)).trim());
      const watches = inotifyWatches(sidecar);
      assert.ok(watches > 0, 'the full footprint watches the tree');
      t.diagnostic(`${watches} inotify watches`);
      const pane = wb.viewPane(VIEW_TITLE);
      await wb.expandViewPane(pane);
      await wb.treeRow(pane, 'services/backend/api/v2/.venv').waitFor({ state: 'visible', timeout: 60000 });
      await wb.screenshot('deep-venv');
    });
  });
});

/** A JavaScript monorepo: 80 packages of 13 folders, a node_modules of 400, a stray Python script. */
function makeJavaScriptTree(root) {
  const dir = (relative) => fs.mkdirSync(path.join(root, relative), { recursive: true });
  fs.writeFileSync(path.join(root, 'package.json'), '{ "name": "monorepo", "private": true }\n');
  for (let p = 0; p < 80; p++) {
    const pkg = `packages/p${String(p).padStart(3, '0')}`;
    for (let c = 0; c < 10; c++) dir(`${pkg}/src/components/c${c}`);
    fs.writeFileSync(path.join(root, pkg, 'package.json'), `{ "name": "p${p}" }\n`);
    fs.writeFileSync(path.join(root, pkg, 'src/index.js'), 'module.exports = {};\n');
  }
  for (let m = 0; m < 200; m++) dir(`node_modules/m${m}/lib`);
  dir(path.dirname(STRAY));
  fs.writeFileSync(path.join(root, STRAY), 'print("only Python here")\n');
}

/** Folders under `root` (the root included), how many are in node_modules, and how many outside it lie two levels down at most. */
function countFolders(root) {
  const all = fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isDirectory())
    .map((e) => path.relative(root, path.join(e.parentPath ?? e.path, e.name)));
  const nodeModules = all.filter((f) => f.split(path.sep).includes('node_modules'));
  const shallow = all.filter((f) => !f.split(path.sep).includes('node_modules') && f.split(path.sep).length <= 2);
  return { all: all.length + 1, nodeModules: nodeModules.length, shallow: shallow.length + 1 };
}

/** A venv that lost its pyvenv.cfg: no activation event sees it; only a walk that reaches it does. */
function makeVenvShaped(python, dir) {
  makeVenv(python, dir);
  fs.rmSync(path.join(dir, 'pyvenv.cfg'));
  return dir;
}

/** The sidecar's "Watching N root(s): … watch(es) of a budget of B, ready in …" line (the `nth` one: one per start). */
function watchReady(server, nth = 1) {
  return waitFor('the live watch to be ready', () => logLines(server).filter((l) => /watch\(es\) of a budget of/.test(l))[nth - 1],
    { timeoutMs: 60000 });
}

async function holdsFor(ms, check) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    check();
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  check();
}

function sidecarOf(server) {
  return server.descendants().find((pid) => /venv-sidecar$/.test(executableOf(pid) ?? ''));
}

/** OS watches a process holds: one `inotify wd:` line per watch in the fdinfo of each inotify descriptor. */
function inotifyWatches(pid) {
  let watches = 0;
  for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
    let target = '';
    try { target = fs.readlinkSync(`/proc/${pid}/fd/${fd}`); } catch { continue; }
    if (target !== 'anon_inode:inotify') continue;
    watches += fs.readFileSync(`/proc/${pid}/fdinfo/${fd}`, 'utf8').split('\n').filter((l) => l.startsWith('inotify wd:')).length;
  }
  return watches;
}

/** Files named `name` under VS Code's log folder of this server (the extension host's log, output channels). */
function logFiles(server, name) {
  const root = path.join(server.dirs.userData, 'logs');
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root, { recursive: true }).filter((f) => path.basename(f) === name).map((f) => path.join(root, f));
}

/** The extension host's "ExtensionService#_doActivateExtension <id>, startup: …, activationEvent: '…'" lines. */
function activations(server) {
  return [...logFiles(server, 'exthost.log'), ...logFiles(server, 'remoteexthost.log')].flatMap((f) => fs.readFileSync(f, 'utf8').split('\n')).filter((l) => l.includes('_doActivateExtension'));
}

function activationOf(server) {
  return activations(server).find((l) => /_doActivateExtension venv-doctor\.venv-doctor\b/.test(l));
}

/** The "Venv Doctor" output channel: the extension's log and the sidecar's stderr. */
function logLines(server) {
  return logFiles(server, 'Venv Doctor.log').flatMap((f) => fs.readFileSync(f, 'utf8').split('\n'));
}
