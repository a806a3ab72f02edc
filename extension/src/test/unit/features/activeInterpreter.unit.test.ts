import * as assert from 'assert';
import { InterpreterSources, bestEnvironmentIn, resolveActiveInterpreter } from '../../../features/activeInterpreter';
import { brokenEnv, env } from '../helpers';

describe('resolveActiveInterpreter', () => {
    const folder = { name: 'proj', fsPath: '/work/proj' };
    const dotVenv = env('/work/proj/.venv');
    const other = env('/work/proj/tools/venv', { version: '3.11.7' });
    const known = { environments: [other, dotVenv], interpreters: [{ executable: '/usr/bin/python3.11', version: '3.11.2', source: 'system', prefix: null }], settings: [] };
    // What the sidecar's venv/expandSetting answers for these values (an absolute path names itself).
    const sidecarExpands: Record<string, string> = {
        '${workspaceFolder}/tools/venv/bin/python': '/work/proj/tools/venv/bin/python',
        '.venv/bin/python': '/work/proj/.venv/bin/python',
    };
    const sources = (overrides: Partial<InterpreterSources> = {}): InterpreterSources => ({
        settingPath: () => undefined,
        expandSetting: (value) => sidecarExpands[value] ?? value,
        exists: () => true,
        ...overrides,
    });

    it("uses the interpreter backend's choice first, naming the backend that chose", () => {
        for (const by of ['python-environments', 'python-extension'] as const) {
            const active = resolveActiveInterpreter(folder, sources({ chosen: () => ({ path: other.interpreter!, by }), settingPath: () => dotVenv.interpreter! }), known);
            assert.strictEqual(active.source, by);
            assert.strictEqual(active.environment, other);
        }
    });

    it("reads the settings backend's choice as the setting it is", () => {
        const active = resolveActiveInterpreter(folder, sources({ chosen: () => ({ path: other.interpreter!, by: 'settings' }), settingPath: () => dotVenv.interpreter! }), known);
        assert.strictEqual(active.source, 'setting');
        assert.strictEqual(active.environment, dotVenv);
    });

    it('falls back to python.defaultInterpreterPath, resolving ${workspaceFolder} and relative paths', () => {
        const viaVariable = resolveActiveInterpreter(folder, sources({ settingPath: () => '${workspaceFolder}/tools/venv/bin/python' }), known);
        assert.strictEqual(viaVariable.source, 'setting');
        assert.strictEqual(viaVariable.environment, other);
        const relative = resolveActiveInterpreter(folder, sources({ settingPath: () => '.venv/bin/python' }), known);
        assert.strictEqual(relative.environment, dotVenv);
    });

    it('uses the setting only once the sidecar has expanded it, for the folder it is read for', () => {
        const asked: [string, string][] = [];
        const pending = resolveActiveInterpreter(folder, sources({ settingPath: () => ' ${workspaceFolder}/tools/venv/bin/python ', expandSetting: (value, f) => void asked.push([value, f.fsPath]) }), known);
        assert.strictEqual(pending.source, 'discovered');
        assert.deepStrictEqual(asked, [['${workspaceFolder}/tools/venv/bin/python', '/work/proj']]);
    });

    it('treats the bare "python" default as nothing chosen', () => {
        const active = resolveActiveInterpreter(folder, sources({ chosen: () => ({ path: 'python', by: 'python-extension' }), settingPath: () => 'python' }), known);
        assert.strictEqual(active.source, 'discovered');
        assert.strictEqual(active.environment, dotVenv);
    });

    it('recognises a base interpreter', () => {
        const active = resolveActiveInterpreter(folder, sources({ settingPath: () => '/usr/bin/python3.11' }), known);
        assert.deepStrictEqual(active.base, { executable: '/usr/bin/python3.11', version: '3.11.2', source: 'system', prefix: null });
        assert.strictEqual(active.missing, false);
    });

    it('marks a saved path that exists nowhere as missing', () => {
        const active = resolveActiveInterpreter(folder, sources({ settingPath: () => '/old/.venv/bin/python', exists: () => false }), known);
        assert.strictEqual(active.missing, true);
        assert.strictEqual(active.environment, undefined);
    });

    it('marks a saved path the sidecar flagged as not resolving as missing', () => {
        const flagged = { ...known, settings: [{ file: '/work/proj/.vscode/settings.json', key: 'python.defaultInterpreterPath', value: '/old/bin/python', resolves: false, suggestion: null, unreadable: null }] };
        const active = resolveActiveInterpreter(folder, sources({ settingPath: () => '/old/bin/python' }), flagged);
        assert.strictEqual(active.missing, true);
    });

    it('has nothing without a folder', () => {
        assert.deepStrictEqual(resolveActiveInterpreter(undefined, sources(), known), { source: 'none', missing: false });
    });
});

describe('bestEnvironmentIn', () => {
    const folder = { name: 'proj', fsPath: '/work/proj' };

    it('prefers the conventional names directly in the folder, then healthy, then shallow', () => {
        const nested = env('/work/proj/a/b/env1');
        const shallow = env('/work/proj/env1');
        const venv = brokenEnv('/work/proj/venv');
        const dotVenv = env('/work/proj/.venv');
        assert.strictEqual(bestEnvironmentIn(folder, [nested, shallow, venv, dotVenv]), dotVenv);
        assert.strictEqual(bestEnvironmentIn(folder, [nested, shallow, venv]), venv);
        assert.strictEqual(bestEnvironmentIn(folder, [nested, shallow]), shallow);
        assert.strictEqual(bestEnvironmentIn(folder, [env('/elsewhere/.venv')]), undefined);
    });

    it('between otherwise equal environments prefers the newest Python, by number', () => {
        const py39 = env('/work/proj/a-env', { version: '3.9.18' });
        const py310 = env('/work/proj/b-env', { version: '3.10.13' });
        const py36 = env('/work/proj/c-env', { version: '3.6.15' });
        assert.strictEqual(bestEnvironmentIn(folder, [py39, py36, py310]), py310);
    });
});
