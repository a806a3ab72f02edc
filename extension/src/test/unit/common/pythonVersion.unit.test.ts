import * as assert from 'assert';
import { compareBaseInterpreters, newestVersionFirst, parsePythonVersion } from '../../../common/pythonVersion';

describe('pythonVersion', () => {
    describe('parsePythonVersion', () => {
        it('reads X.Y.Z, X.Y and the old 2.7 line as numbers', () => {
            assert.deepStrictEqual(parsePythonVersion('3.12.1'), { major: 3, minor: 12, patch: 1, preRelease: undefined, freeThreaded: false });
            assert.deepStrictEqual(parsePythonVersion('3.13'), { major: 3, minor: 13, patch: 0, preRelease: undefined, freeThreaded: false });
            assert.deepStrictEqual(parsePythonVersion('2.7.18'), { major: 2, minor: 7, patch: 18, preRelease: undefined, freeThreaded: false });
            assert.deepStrictEqual(parsePythonVersion(' 3.10.13 '), { major: 3, minor: 10, patch: 13, preRelease: undefined, freeThreaded: false });
        });

        it('reads pre-releases in both spellings: 3.13.0rc1 and version_info 3.13.0.candidate.1', () => {
            assert.deepStrictEqual(parsePythonVersion('3.13.0rc1')?.preRelease, { phase: 'rc', serial: 1 });
            assert.deepStrictEqual(parsePythonVersion('3.14.0a7')?.preRelease, { phase: 'a', serial: 7 });
            assert.deepStrictEqual(parsePythonVersion('3.14.0b2')?.preRelease, { phase: 'b', serial: 2 });
            assert.deepStrictEqual(parsePythonVersion('3.13.0.candidate.1')?.preRelease, { phase: 'rc', serial: 1 });
            assert.deepStrictEqual(parsePythonVersion('3.12.1.final.0'), { major: 3, minor: 12, patch: 1, preRelease: undefined, freeThreaded: false });
        });

        it('reads the free-threaded "t" suffix, also after a pre-release', () => {
            assert.deepStrictEqual(parsePythonVersion('3.13t'), { major: 3, minor: 13, patch: 0, preRelease: undefined, freeThreaded: true });
            assert.strictEqual(parsePythonVersion('3.13.1t')?.freeThreaded, true);
            assert.deepStrictEqual(parsePythonVersion('3.14.0rc2t'), { major: 3, minor: 14, patch: 0, preRelease: { phase: 'rc', serial: 2 }, freeThreaded: true });
        });

        it('gives undefined for a missing or unreadable version', () => {
            for (const text of [undefined, null, '', '  ', 'unknown', 'python3', '3.x', '3.12.1-dirty']) {
                assert.strictEqual(parsePythonVersion(text), undefined, String(text));
            }
        });
    });

    describe('newestVersionFirst', () => {
        // Wrapped: Array.sort moves undefined elements to the end itself, without asking the comparator.
        const sorted = (versions: (string | null | undefined)[]) =>
            versions
                .map((version) => ({ version }))
                .sort((a, b) => newestVersionFirst(a.version, b.version))
                .map((v) => v.version);

        it('orders by number, not as text: 3.10 is newer than 3.9 and 3.6', () => {
            // As strings these sort 3.10, 3.6, 3.9 (ascending) — the order this replaces.
            assert.deepStrictEqual(sorted(['3.6.15', '3.10.13', '3.9.18']), ['3.10.13', '3.9.18', '3.6.15']);
            assert.deepStrictEqual(sorted(['3.9', '3.10', '3.6', '3.13', '3.12.1', '2.7.18', '3.11.2']), ['3.13', '3.12.1', '3.11.2', '3.10', '3.9', '3.6', '2.7.18']);
            assert.deepStrictEqual(sorted(['3.12.9', '3.12.10', '3.12.1']), ['3.12.10', '3.12.9', '3.12.1']);
        });

        it('puts a final release before its release candidates, and rc before beta before alpha', () => {
            assert.deepStrictEqual(sorted(['3.13.0a1', '3.13.0rc1', '3.13.0', '3.13.0b3', '3.13.0rc2', '3.12.7']), [
                '3.13.0',
                '3.13.0rc2',
                '3.13.0rc1',
                '3.13.0b3',
                '3.13.0a1',
                '3.12.7',
            ]);
        });

        it('puts the default build before the free-threaded one of the same version, both by number', () => {
            assert.deepStrictEqual(sorted(['3.13t', '3.9', '3.13', '3.10t']), ['3.13', '3.13t', '3.10t', '3.9']);
        });

        it('puts missing and unreadable versions last, and leaves equal versions to the caller', () => {
            assert.deepStrictEqual(sorted([undefined, '3.6', null, 'weird', '3.10t', '']), ['3.10t', '3.6', undefined, null, 'weird', '']);
            assert.strictEqual(newestVersionFirst('3.12', '3.12.0'), 0);
            assert.strictEqual(newestVersionFirst(undefined, 'junk'), 0);
        });
    });

    describe('compareBaseInterpreters', () => {
        it('keeps the source grouping, then newest first, then path; unknown source and version last', () => {
            const interpreters = [
                { executable: '/usr/bin/python3.11', version: '3.11.2', source: 'system' },
                { executable: '/p/3.10.13/bin/python', version: '3.10.13', source: 'pyenv' },
                { executable: '/p/3.6.15/bin/python', version: '3.6.15', source: 'pyenv' },
                { executable: '/opt/odd/python', version: null, source: 'pyenv' },
                { executable: '/p/3.9.18/bin/python', version: '3.9.18', source: 'pyenv' },
                { executable: '/somewhere/python3', version: '3.13.1' },
                { executable: '/p/3.13t/bin/python', version: '3.13.1t', source: 'pyenv' },
                { executable: '/p/3.13.1/bin/python', version: '3.13.1', source: 'pyenv' },
            ];
            assert.deepStrictEqual(
                [...interpreters].sort(compareBaseInterpreters).map((i) => i.executable),
                [
                    '/p/3.13.1/bin/python',
                    '/p/3.13t/bin/python',
                    '/p/3.10.13/bin/python',
                    '/p/3.9.18/bin/python',
                    '/p/3.6.15/bin/python',
                    '/opt/odd/python',
                    '/usr/bin/python3.11',
                    '/somewhere/python3',
                ],
            );
        });
    });
});
