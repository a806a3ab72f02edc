// Glue for a scenario: a code-server + workbench pair that is always torn down, screenshots on failure too.
import fs from 'node:fs';
import path from 'node:path';
import { RUN_ROOT } from './paths.mjs';
import { startCodeServer } from './code-server.mjs';
import { Workbench } from './workbench.mjs';

/** A fresh folder under the run's scratch root. */
export function scratchDir(name) {
  fs.mkdirSync(RUN_ROOT, { recursive: true });
  return fs.mkdtempSync(path.join(RUN_ROOT, `${name.replace(/[^\w.-]+/g, '_')}-`));
}

/**
 * Starts VS Code on `folder`, opens the workbench, runs `body(workbench, server)`, and always stops both.
 * On failure a last screenshot ("failure") is taken before the error propagates.
 */
export async function withVSCode({ scenario, folder, vsix, settings, env }, body) {
  const server = await startCodeServer({ name: scenario, folder, vsix, settings, env });
  let workbench;
  try {
    workbench = await Workbench.open(server, scenario);
    return await body(workbench, server);
  } catch (e) {
    if (workbench) await workbench.screenshot('failure').catch(() => {});
    throw e;
  } finally {
    await workbench?.close();
    await server.stop();
  }
}
