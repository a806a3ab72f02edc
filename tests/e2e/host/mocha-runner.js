// Runs a folder of mocha tests inside VS Code's real extension host (the @vscode/test-electron contract:
// VS Code loads extensionTestsPath and awaits its run()). Mocha comes from the suite's tools folder, named by
// VENV_DOCTOR_E2E_NODE_MODULES; each test's outcome is written as JSON to VENV_DOCTOR_E2E_HOST_RESULTS so the
// outer runner can report every test by name (the exit code alone would say only "something failed").
'use strict';
const fs = require('node:fs');
const path = require('node:path');

function runMochaFolder(folder) {
  const modules = process.env.VENV_DOCTOR_E2E_NODE_MODULES;
  const resultsFile = process.env.VENV_DOCTOR_E2E_HOST_RESULTS;
  if (!modules) throw new Error('VENV_DOCTOR_E2E_NODE_MODULES is not set (run through tests/e2e/run.sh)');
  const Mocha = require(path.join(modules, 'mocha'));
  const mocha = new Mocha({ ui: 'bdd', timeout: 60000, color: false, reporter: 'spec' });
  for (const file of fs.readdirSync(folder).sort()) {
    if (file.endsWith('.test.js')) mocha.addFile(path.join(folder, file));
  }
  const results = [];
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      if (resultsFile) fs.writeFileSync(resultsFile, JSON.stringify({ failures, results }, null, 2));
      if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed`));
      else resolve();
    });
    runner.on('pass', (t) => results.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration }));
    runner.on('fail', (t, err) => results.push({ title: t.fullTitle(), state: 'failed', error: String(err && err.stack || err) }));
    runner.on('pending', (t) => results.push({ title: t.fullTitle(), state: 'skipped', reason: t.skipReason || 'pending' }));
  });
}

module.exports = { runMochaFolder };
