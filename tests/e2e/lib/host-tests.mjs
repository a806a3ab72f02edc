// Extension-host tests: mocha inside VS Code's real (remote, Node) extension host, as @vscode/test-electron runs
// them, but in code-server. The smoke-test driver makes the workbench honour the payload's extensionTestsPath and
// report the suite's exit code through window.codeAutomationExit.
import fs from 'node:fs';
import path from 'node:path';
import { startCodeServer } from './code-server.mjs';
import { Workbench } from './workbench.mjs';

/**
 * @returns {{ exitCode: number, results: Array<{title, state, error?, reason?}>, output: string[] }}
 */
export async function runHostTests({ name, folder, extensionDevelopmentPath, testsPath, vsix = [], env = {}, timeoutMs = 180000 }) {
  const resultsFile = path.join(process.env.TMPDIR ?? '/tmp', `host-results-${name}-${process.pid}-${Date.now()}.json`);
  const server = await startCodeServer({
    name: `host-${name}`, folder, vsix, smokeTestDriver: true,
    env: { VENV_DOCTOR_E2E_HOST_RESULTS: resultsFile, ...env },
  });
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload = [['extensionTestsPath', remote(testsPath)]];
  if (extensionDevelopmentPath) payload.unshift(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  const output = [];
  let resolveExit;
  const exited = new Promise((resolve) => { resolveExit = resolve; });
  let workbench;
  try {
    workbench = await Workbench.open(server, `host-${name}`, {
      query: `&payload=${encodeURIComponent(JSON.stringify(payload))}`,
      beforeNavigate: async (page) => {
        await page.exposeFunction('codeAutomationLog', (type, args) => {
          output.push(`${type}: ${(Array.isArray(args) ? args : [args]).map(String).join(' ')}`);
        });
        await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
      },
    });
    let timer;
    const exitCode = await Promise.race([exited, new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`extension-host tests did not finish within ${timeoutMs} ms`)), timeoutMs);
    })]).finally(() => clearTimeout(timer));
    const results = fs.existsSync(resultsFile) ? JSON.parse(fs.readFileSync(resultsFile, 'utf8')).results : [];
    return { exitCode, results, output };
  } finally {
    await workbench?.close();
    await server.stop();
  }
}
