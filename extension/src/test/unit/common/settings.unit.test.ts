import * as assert from 'assert';
import { effectOfChange, readSettings, toInitializationOptions } from '../../../common/settings';

describe('settings', () => {
    const reader = (values: Record<string, unknown>) => ({ get: <T>(key: string) => values[key] as T | undefined });

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
