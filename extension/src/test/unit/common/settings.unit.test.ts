import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { effectOfChange, readSettings, toInitializationOptions } from '../../../common/settings';

describe('settings', () => {
    const reader = (values: Record<string, unknown>) => ({ get: <T>(key: string) => values[key] as T | undefined });

    it("searches at any depth by default (the manifest's defaults reach the sidecar as maxDepth null)", () => {
        const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../../package.json'), 'utf8'));
        const properties: Record<string, { default?: unknown }> = manifest.contributes.configuration.properties;
        const defaults = Object.fromEntries(Object.entries(properties).map(([key, p]) => [key.replace(/^venvDoctor\./, ''), p.default]));
        assert.strictEqual(defaults['search.maxDepth'], null);
        assert.strictEqual(toInitializationOptions(readSettings(reader(defaults))).maxDepth, null);
    });

    it('reads defaults when nothing is set', () => {
        const settings = readSettings(reader({}));
        assert.deepStrictEqual(settings, {
            maxDepth: null,
            excludeGlobs: [],
            extraSearchFolders: [],
            watch: true,
            notificationsEnabled: true,
            sidecarPath: undefined,
            requestTimeoutMs: 30_000,
            trace: 'off',
        });
    });

    it('maps the search settings to initializationOptions and drops junk values', () => {
        const settings = readSettings(
            reader({
                'search.maxDepth': 6,
                'search.excludeGlobs': ['**/node_modules', 7, ''],
                'search.extraFolders': ['/srv/venvs'],
                'watch.enabled': false,
                'trace.server': 'loud',
            }),
        );
        assert.deepStrictEqual(toInitializationOptions(settings), {
            maxDepth: 6,
            excludeGlobs: ['**/node_modules'],
            extraSearchFolders: ['/srv/venvs'],
            watch: false,
        });
        assert.strictEqual(settings.trace, 'off');
    });

    it('restarts the sidecar for search and path changes, retraces for trace, ignores the rest', () => {
        assert.strictEqual(effectOfChange((k) => k === 'venvDoctor.search.maxDepth'), 'restart');
        assert.strictEqual(effectOfChange((k) => k === 'venvDoctor.sidecar.path'), 'restart');
        assert.strictEqual(effectOfChange((k) => k === 'venvDoctor.trace.server'), 'trace');
        assert.strictEqual(effectOfChange((k) => k === 'venvDoctor.notifications.enabled'), 'none');
    });
});
