import * as assert from 'assert';
import {
    FootprintReason,
    LIGHT_DEPTH,
    describeFootprint,
    footprintInitializationOptions,
    footprintOf,
    grownLevel,
    levelFor,
} from '../../../features/footprint';
import { readSettings } from '../../../common/settings';

describe('footprint: what starts when', () => {
    const defaults = readSettings({ get: () => undefined });

    it('a workspace that holds Python environments, projects or an interpreter setting gets the whole walk and the live watch', () => {
        for (const reason of ['environment', 'project', 'interpreter-setting', 'scan-requested'] as FootprintReason[]) {
            assert.strictEqual(levelFor(reason), 'full', reason);
        }
        const full = footprintOf('full', defaults);
        assert.deepStrictEqual(full, { level: 'full', startSidecar: true, scanDepth: null, watch: true });
    });

    it('a Python file, the view or a command where Python is incidental: the sidecar, a two-level walk and watch', () => {
        for (const reason of ['python-file', 'view', 'command'] as FootprintReason[]) {
            assert.strictEqual(levelFor(reason), 'light', reason);
        }
        assert.deepStrictEqual(footprintOf('light', defaults), { level: 'light', startSidecar: true, scanDepth: LIGHT_DEPTH, watch: true });
        assert.strictEqual(LIGHT_DEPTH, 2, '.venv and pkg/.venv');
    });

    it('with nothing Python-related, nothing starts', () => {
        assert.strictEqual(levelFor('nothing'), 'dormant');
        assert.strictEqual(footprintOf('dormant', defaults).startSidecar, false);
    });

    it('grows and never shrinks', () => {
        assert.strictEqual(grownLevel('dormant', 'python-file'), 'light');
        assert.strictEqual(grownLevel('dormant', 'environment'), 'full');
        assert.strictEqual(grownLevel('light', 'environment'), 'full');
        assert.strictEqual(grownLevel('light', 'scan-requested'), 'full');
        assert.strictEqual(grownLevel('light', 'view'), undefined);
        assert.strictEqual(grownLevel('full', 'python-file'), undefined);
        assert.strictEqual(grownLevel('full', 'nothing'), undefined);
        assert.strictEqual(grownLevel('dormant', 'nothing'), undefined);
    });

    it("keeps the user's settings: their depth caps a light walk, and watching off stays off", () => {
        const shallow = { maxDepth: 1, watch: true };
        assert.strictEqual(footprintOf('light', shallow).scanDepth, 1);
        assert.strictEqual(footprintOf('full', shallow).scanDepth, 1);
        const deep = { maxDepth: 9, watch: true };
        assert.strictEqual(footprintOf('light', deep).scanDepth, LIGHT_DEPTH);
        assert.strictEqual(footprintOf('full', deep).scanDepth, 9);
        assert.strictEqual(footprintOf('full', { maxDepth: null, watch: false }).watch, false);
        assert.strictEqual(footprintOf('light', { maxDepth: null, watch: false }).watch, false);
    });

    it("initialize carries the footprint's depth and watch with the user's search folders and globs", () => {
        const settings = { ...defaults, excludeGlobs: ['build'], extraSearchFolders: ['/opt/envs'] };
        assert.deepStrictEqual(footprintInitializationOptions(footprintOf('light', settings), settings), {
            maxDepth: 2,
            excludeGlobs: ['build'],
            extraSearchFolders: ['/opt/envs'],
            watch: true,
        });
        assert.deepStrictEqual(footprintInitializationOptions(footprintOf('full', settings), settings), {
            maxDepth: null,
            excludeGlobs: ['build'],
            extraSearchFolders: ['/opt/envs'],
            watch: true,
        });
    });

    it('says in one line what runs and why', () => {
        assert.match(describeFootprint(footprintOf('light', defaults), 'python-file'), /^Footprint: light \(a Python file is open\): workspace walked 2 level\(s\) deep and watched live/);
        assert.match(describeFootprint(footprintOf('full', defaults), 'environment'), /^Footprint: full \(a Python environment is in the workspace\): workspace walked any depth and watched live/);
        assert.match(describeFootprint(footprintOf('dormant', defaults), 'nothing'), /^Footprint: dormant .*no sidecar, no walk, no watch/);
    });
});
