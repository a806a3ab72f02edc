// Checks every VSIX tests/package/run.sh built (scripts/package.sh), one describe block per VS Code target:
// the manifest's target platform, the sidecar (ELF, the target's CPU, executable; for darwin targets a Mach-O for the
// target's CPU whose ad-hoc code signature matches the file page by page), the contents against the
// allow-list, the icon, the README's links; and `vsce ls` against the same allow-list. Prints each VSIX's size and
// its sidecar's. Nothing here skips: a VSIX that was not built is a failure.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { linksOf, problemsOf } from './lib/readmeLinks.mjs';
import { readSignedMachO } from '../../scripts/package/macho-signature.mjs';
import { PE_MACHINE, PE_SUBSYSTEM, peHeader } from '../../scripts/package/pe-header.mjs';
import {
  ELF_MACHINE, EXTENSION_FILES, MACHO_CPU, PE_CPU, REPO, SIDECARS, assets, elfHeader, entries, mib, pngSize, sidecarOf,
  targetPlatform, unpack, vsixEntries, vsixPath,
} from './lib/vsix.mjs';

// The targets run.sh had built (scripts/package.sh --list-targets).
const targets = (process.env.VENV_DOCTOR_PACKAGE_TARGETS ?? '').split(/\s+/).filter(Boolean);
const sourceManifest = JSON.parse(fs.readFileSync(path.join(REPO, 'extension', 'package.json'), 'utf8'));
const repository = sourceManifest.repository.url.replace(/\.git$/, '');

for (const target of targets) {
  describe(`${target} VSIX`, () => {
    const vsix = vsixPath(target);
    let dir;
    before(() => { if (fs.existsSync(vsix)) dir = unpack(vsix); });
    after(() => { if (dir) fs.rmSync(dir, { recursive: true, force: true }); });
    const file = (name) => path.join(dir, name);
    const built = () => assert.ok(dir, `${path.relative(REPO, vsix)} was not built (artifacts/package/package.log)`);

    it('was built, and holds exactly what runs and what the Marketplace shows', (t) => {
      built();
      assert.deepEqual(entries(vsix).sort(), vsixEntries(target).sort());
      t.diagnostic(`${path.basename(vsix)}: ${mib(vsix)}; its sidecar: ${mib(file(`extension/${sidecarOf(target)}`))}`);
    });

    it(`declares TargetPlatform ${target} in extension.vsixmanifest`, () => {
      built();
      assert.equal(targetPlatform(fs.readFileSync(file('extension.vsixmanifest'), 'utf8')), target);
    });

    it('lists its README, CHANGELOG, LICENSE and icon as Marketplace assets', () => {
      built();
      const found = assets(fs.readFileSync(file('extension.vsixmanifest'), 'utf8'));
      assert.equal(found['Microsoft.VisualStudio.Services.Content.Details'], 'extension/readme.md');
      assert.equal(found['Microsoft.VisualStudio.Services.Content.Changelog'], 'extension/changelog.md');
      assert.equal(found['Microsoft.VisualStudio.Services.Content.License'], 'extension/LICENSE.txt');
      assert.equal(found['Microsoft.VisualStudio.Services.Icons.Default'], 'extension/images/icon.png');
    });

    if (PE_CPU[target]) {
      it(`carries a 64-bit ${PE_CPU[target]} console PE sidecar named venv-sidecar.exe`, () => {
        built();
        const header = peHeader(file(`extension/${sidecarOf(target)}`));
        assert.deepEqual(header, { pe: true, machine: PE_MACHINE[PE_CPU[target]], pe32Plus: true, subsystem: PE_SUBSYSTEM.console });
      });
    }
    if (ELF_MACHINE[target]) it(`carries a ${ELF_MACHINE[target].name} ELF sidecar with its exec bit`, () => {
      built();
      const sidecar = file('extension/server/venv-sidecar');
      const header = elfHeader(sidecar);
      assert.ok(header.elf, 'the sidecar is not an ELF file');
      assert.equal(header.bits, 64, 'the sidecar is not a 64-bit ELF');
      assert.ok([2, 3].includes(header.type), `ELF type ${header.type} is not an executable (EXEC or PIE)`);
      assert.equal(header.machine, ELF_MACHINE[target].code,
        `ELF machine ${header.machine}, not ${ELF_MACHINE[target].name} (${ELF_MACHINE[target].code})`);
      assert.ok(fs.statSync(sidecar).mode & 0o100, 'the sidecar is not executable in the VSIX');
    });

    if (MACHO_CPU[target]) {
      it(`carries a ${MACHO_CPU[target]} Mach-O sidecar with its exec bit, ad-hoc signed, every page hash matching`, (t) => {
        built();
        const sidecar = file('extension/server/venv-sidecar');
        const found = readSignedMachO(sidecar);
        assert.deepEqual(found.problems, []);
        assert.equal(found.cpu, MACHO_CPU[target]);
        assert.equal(found.signature.identifier, 'venv-sidecar');
        assert.equal(found.signature.codeLimit, found.signature.offset);
        assert.equal(found.signature.codeLimit + found.signature.size <= fs.statSync(sidecar).size, true);
        assert.ok(fs.statSync(sidecar).mode & 0o100, 'the sidecar is not executable in the VSIX');
        t.diagnostic(`${MACHO_CPU[target]} executable; ${found.signature.pages} SHA-256 page hashes of `
          + `${found.signature.pageSize} bytes over ${found.signature.codeLimit} bytes; not run on macOS here`);
      });

      it('fails the signature check once one byte of the sidecar changes, or the file is cut short', () => {
        built();
        const copy = path.join(dir, 'tampered-sidecar');
        const bytes = fs.readFileSync(file('extension/server/venv-sidecar'));
        const { signature } = readSignedMachO(file('extension/server/venv-sidecar'));
        const page = Math.floor(signature.pages / 2);
        bytes[page * signature.pageSize + 7] ^= 0xff;
        fs.writeFileSync(copy, bytes);
        assert.deepEqual(readSignedMachO(copy).problems,
          [`1 of ${signature.pages} page hashes do not match the file (first: page ${page}, bytes ${page * signature.pageSize}–)`]);
        fs.writeFileSync(copy, bytes.subarray(0, signature.offset + 100));
        assert.match(readSignedMachO(copy).problems.join('; '), /LC_CODE_SIGNATURE .* lies outside the file/);
        fs.rmSync(copy);
      });
    }

    it('has a 128x128 PNG icon that is the rendering of extension/images/icon.svg', () => {
      built();
      const icon = fs.readFileSync(file('extension/images/icon.png'));
      assert.deepEqual(pngSize(icon), { width: 128, height: 128 });
      assert.ok(icon.equals(renderIcon()), 'the packaged icon differs from a fresh rendering of icon.svg');
    });

    it('has README links that resolve in the package or in the repository', () => {
      built();
      const readme = fs.readFileSync(file('extension/readme.md'), 'utf8');
      const links = linksOf(readme);
      assert.ok(links.some((l) => l.kind === 'image'), 'the README shows no screenshot');
      const inPackage = (p) => fs.existsSync(path.join(dir, 'extension', p));
      assert.deepEqual(links.flatMap((l) => problemsOf(l, repository, inPackage)), []);
    });
  });
}

describe('the extension manifest', () => {
  it('has VSIXes to check (run.sh names the targets it built)', () => {
    assert.ok(targets.length > 0, 'VENV_DOCTOR_PACKAGE_TARGETS is empty: run tests/package/run.sh');
  });

  it('names one repository, for the repository, bugs and homepage', () => {
    assert.match(repository, /^https:\/\/github\.com\/[^/]+\/[^/]+$/);
    assert.ok(sourceManifest.bugs.url.startsWith(`${repository}/`), sourceManifest.bugs.url);
    assert.ok(sourceManifest.homepage.startsWith(`${repository}/`), sourceManifest.homepage);
  });

  it('`vsce ls` lists only the allow-list, with the one sidecar the last target packaged', () => {
    const vsce = process.env.VENV_DOCTOR_PACKAGE_VSCE;
    assert.ok(vsce && fs.existsSync(vsce), 'vsce is not installed (tests/package/run.sh installs it)');
    const listed = execFileSync(vsce, ['ls', '--no-dependencies'], { cwd: path.join(REPO, 'extension'), encoding: 'utf8' })
      .split('\n').map((l) => l.trim()).filter(Boolean);
    const sidecars = listed.filter((f) => SIDECARS.includes(f));
    assert.equal(sidecars.length, 1, `one sidecar in extension/server: ${sidecars}`);
    assert.deepEqual(listed.sort(), EXTENSION_FILES.filter((f) => !SIDECARS.includes(f) || f === sidecars[0]).sort());
  });
});

let rendered;
/** The icon as scripts/package/render-icon.mjs renders it now, with the renderer package.sh pinned. */
function renderIcon() {
  if (rendered) return rendered;
  const renderer = process.env.VENV_DOCTOR_PACKAGE_ICON_RENDERER;
  assert.ok(renderer && fs.existsSync(renderer), 'the icon renderer is not installed (scripts/package.sh installs it)');
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'venv-doctor-icon-')), 'icon.png');
  execFileSync(process.execPath, [path.join(REPO, 'scripts/package/render-icon.mjs'),
    path.join(REPO, 'extension/images/icon.svg'), out, renderer]);
  rendered = fs.readFileSync(out);
  fs.rmSync(path.dirname(out), { recursive: true, force: true });
  return rendered;
}
