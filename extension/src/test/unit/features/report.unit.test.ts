import * as assert from 'assert';
import { renderReport } from '../../../features/report';
import { brokenEnv, env } from '../helpers';

describe('renderReport', () => {
    it('lists every environment (broken first), finding, suggestion, setting, interpreter and skipped path', () => {
        const text = renderReport({
            environments: [env('/work/proj/.venv'), brokenEnv('/work/proj/old', { findings: [{ code: 'base-missing', severity: 'error', message: 'Base gone.', data: { recordedPath: '/usr/bin/python3.12' } }] })],
            interpreters: [{ executable: '/usr/bin/python3.11', version: '3.11.2', source: 'system' }],
            settings: [{ file: '/work/proj/.vscode/settings.json', key: 'python.defaultInterpreterPath', value: '/x', resolves: false, suggestion: '/y' }],
            skipped: [{ path: '/work/proj/secret', reason: 'permission denied' }],
        });
        assert.match(text, /2 environment\(s\): 1 broken, 0 warning, 1 ok\./);
        assert.ok(text.indexOf('## old — ❌ broken') < text.indexOf('## .venv — ✅ ok'));
        assert.match(text, /- \*\*error\*\* `base-missing`: Base gone\.\n  - recordedPath: `\/usr\/bin\/python3\.12`/);
        assert.match(text, /- Relink to Python 3\.12\.4 \(`relink-base`\)/);
        assert.match(text, /\| `\/work\/proj\/\.vscode\/settings\.json` \| `python\.defaultInterpreterPath` \| `\/x` \| \*\*no\*\* \| `\/y` \|/);
        assert.match(text, /- Python 3\.11\.2 — `\/usr\/bin\/python3\.11` \(system\)/);
        assert.match(text, /- `\/work\/proj\/secret`: permission denied/);
    });
});
