// Builds venv-sidecar (Release) when the apphost is missing or older than any server source. Used by pretest:interop.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './sidecar.mjs';

// The test host references the sidecar, so building it builds both.
const apphost = join(repoRoot, 'tests/VenvDoctor.Sidecar.TestHost/bin/Release/net10.0/venv-sidecar-testhost');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'bin' || entry.name === 'obj') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.(cs|csproj|props)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const stale = !existsSync(apphost) || statSync(apphost).mtimeMs < Math.max(newestSource(join(repoRoot, 'server')),
  newestSource(join(repoRoot, 'tests/VenvDoctor.Sidecar.TestHost')),
  statSync(join(repoRoot, 'Directory.Packages.props')).mtimeMs);
if (process.env.VENV_SIDECAR && process.env.VENV_SIDECAR_TESTHOST) {
  console.log(`using VENV_SIDECAR=${process.env.VENV_SIDECAR} and VENV_SIDECAR_TESTHOST=${process.env.VENV_SIDECAR_TESTHOST}`);
} else if (stale) {
  console.log('building venv-sidecar and its test host (Release)...');
  execFileSync('dotnet', ['build', join(repoRoot, 'tests/VenvDoctor.Sidecar.TestHost'), '-c', 'Release', '-nologo', '-v', 'q'], { stdio: 'inherit' });
} else {
  console.log(`venv-sidecar is up to date: ${apphost}`);
}
