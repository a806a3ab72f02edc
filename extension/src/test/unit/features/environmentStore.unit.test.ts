import * as assert from 'assert';
import { EnvironmentStore } from '../../../features/environmentStore';
import { env } from '../helpers';

describe('EnvironmentStore', () => {
    it('replaces the workspace view on a finished scan, keeping machine environments', () => {
        const store = new EnvironmentStore();
        store.addMachineScan({ environments: [env('/home/u/.virtualenvs/a')], settings: [], skipped: [], interpreters: [{ executable: '/usr/bin/python3', version: '', source: 'system', prefix: null }] });
        store.upsert(env('/work/proj/gone'));
        let changes = 0;
        store.onDidChange(() => changes++);
        store.applyScan({ environments: [env('/work/proj/.venv')], settings: [], interpreters: [{ executable: '/opt/py3.12', version: '', source: 'system', prefix: null }], skipped: [] }, ['/work/proj']);
        assert.deepStrictEqual(store.environments.map((e) => e.path).sort(), ['/home/u/.virtualenvs/a', '/work/proj/.venv']);
        assert.deepStrictEqual(store.interpreters.map((i) => i.executable), ['/usr/bin/python3', '/opt/py3.12']);
        assert.strictEqual(changes, 1);
    });

    it('follows a move, a removal and overlapping scans', () => {
        const store = new EnvironmentStore();
        store.upsert(env('/work/old/.venv'));
        store.move({ from: '/work/old/.venv', to: '/work/new/.venv', diagnosis: env('/work/new/.venv', { health: 'broken' }) });
        assert.deepStrictEqual(store.environments.map((e) => [e.path, e.health]), [['/work/new/.venv', 'broken']]);
        store.remove('/work/new/.venv');
        assert.strictEqual(store.environments.length, 0);
        store.beginScan();
        store.beginScan();
        store.endScan();
        assert.strictEqual(store.scanning, true);
        store.endScan();
        assert.strictEqual(store.scanning, false);
    });
});
