import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { renderReport } from '../../../features/report';
import { Environment } from '../../../sidecar/protocol';
import { brokenEnv, env } from '../helpers';

describe('renderReport', () => {
    it('lists environments before the base installs (pyenv versions) of the same health', () => {
        const text = renderReport({
            environments: [env('/root/.pyenv/versions/3.13.0', { kind: 'pyenv', version: '3.13.0' }), env('/work/proj/.venv', { version: '3.11.2' })],
            interpreters: [],
            settings: [],
            skipped: [],
        });
        assert.ok(text.indexOf('## .venv — OK') < text.indexOf('## 3.13.0 — OK'), text);
    });

    it('lists every environment (broken first), finding, suggestion, setting, interpreter and skipped path', () => {
        const text = renderReport({
            environments: [env('/work/proj/.venv'), brokenEnv('/work/proj/old', { findings: [{ code: 'base-missing', severity: 'error', message: 'Base gone.', data: { recordedPath: '/usr/bin/python3.12' } }] })],
            interpreters: [{ executable: '/usr/bin/python3.11', version: '3.11.2', source: 'system', prefix: null }],
            settings: [
                { file: '/work/proj/.vscode/settings.json', key: 'python.defaultInterpreterPath', value: '/x', resolves: false, suggestion: '/y', unreadable: null },
                { file: '/work/proj/p.code-workspace', key: '', value: '', resolves: false, suggestion: null, unreadable: 'is nested deeper than the 1024 levels read' },
            ],
            skipped: [{ path: '/work/proj/secret', reason: 'permission denied' }],
        });
        assert.match(text, /2 environment\(s\): 1 broken, 0 warning, 1 ok\./);
        assert.ok(text.indexOf('## old — BROKEN') < text.indexOf('## .venv — OK'));
        // Plain text only: emoji need a colour-emoji font that many Linux systems lack (they render as boxes).
        assert.doesNotMatch(text, /[\u{1F000}-\u{1FFFF}\u{2600}-\u{27BF}\u{FE0F}]/u);
        assert.match(text, /- \*\*error\*\* `base-missing`: Base gone\.\n  - recordedPath: `\/usr\/bin\/python3\.12`/);
        assert.match(text, /- Relink to Python 3\.12\.4 \(`relink-base`\)/);
        assert.match(text, /\| `\/work\/proj\/\.vscode\/settings\.json` \| `python\.defaultInterpreterPath` \| `\/x` \| \*\*no\*\* \| `\/y` \|/);
        assert.match(text, /\| `\/work\/proj\/p\.code-workspace` \| \| \| not checked: it is nested deeper than the 1024 levels read \| \|/);
        assert.match(text, /- Python 3\.11\.2 — `\/usr\/bin\/python3\.11` \(system\)/);
        assert.match(text, /- `\/work\/proj\/secret`: permission denied/);
    });

    it('lists base interpreters and same-health environments newest Python first, by number', () => {
        const versions = ['3.10.13', '3.6.15', '3.9.18'];
        const text = renderReport({
            environments: versions.map((version) => env(`/envs/${version}`, { version, kind: 'pyenv' })),
            interpreters: versions.map((version) => ({ executable: `/py/${version}/bin/python`, version, source: 'pyenv', prefix: null })),
            settings: [],
            skipped: [],
        });
        const order = (pattern: RegExp) => [...text.matchAll(pattern)].map((m) => m[1]);
        assert.deepStrictEqual(order(/^## (\S+) —/gm), ['3.10.13', '3.9.18', '3.6.15']);
        assert.deepStrictEqual(order(/^- Python (\S+) —/gm), ['3.10.13', '3.9.18', '3.6.15']);
    });

    it('shows tracked-in-git with its ignore-in-git repair and the git command to copy, exactly as the sidecar quoted it', () => {
        // The golden sample of the wire contract: the same finding and suggestion the sidecar's contract test checks.
        const sample = path.join(__dirname, '..', '..', '..', '..', '..', 'tests', 'contract', 'samples', 'venv.diagnose.trackedInGit.json');
        const diagnosed = JSON.parse(fs.readFileSync(sample, 'utf8')).result as Environment;
        const quoted = `git -C '/w/it'"'"'s a repo' rm -r --cached -- .venv`;
        diagnosed.suggestions[0].data.command = quoted;
        const text = renderReport({ environments: [diagnosed], interpreters: [], settings: [], skipped: [] });
        assert.match(text, /## \.venv — WARNING/);
        assert.match(text, /- \*\*warning\*\* `tracked-in-git`: This environment's files are committed to the git repository at \/w\/proj/);
        assert.match(text, /  - command: `git -C \/w\/proj rm -r --cached -- \.venv`/);
        assert.match(text, /### Suggested repairs\n\n- Keep this environment out of git \(a \.gitignore inside it\), then untrack its files \(`ignore-in-git`\)\n/);
        assert.ok(text.includes(`  - command: \`${quoted}\``), text);
    });
});
