import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ENVIRONMENT_FILE, ENVIRONMENT_FOLDER, PROJECT_FILES, PROJECT_FILES_GLOB, markersAt } from '../../../features/workspaceMarkers';

describe('workspace markers (what says a folder is a Python workspace)', () => {
    let root: string;

    beforeEach(() => {
        root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'venv-doctor-markers-')));
    });

    afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

    const touch = (relative: string) => {
        fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
        fs.writeFileSync(path.join(root, relative), '');
    };

    it('a .venv at the root or one level down is an environment', () => {
        fs.mkdirSync(path.join(root, 'services', 'api', ENVIRONMENT_FOLDER), { recursive: true });
        assert.strictEqual(markersAt(root), undefined, 'two levels down is for the deep search');
        fs.mkdirSync(path.join(root, 'tools', ENVIRONMENT_FOLDER), { recursive: true });
        assert.strictEqual(markersAt(root), 'environment');
        fs.rmSync(path.join(root, 'tools'), { recursive: true });
        fs.mkdirSync(path.join(root, ENVIRONMENT_FOLDER));
        assert.strictEqual(markersAt(root), 'environment');
    });

    for (const name of [...PROJECT_FILES, 'requirements.txt', 'requirements-dev.txt']) {
        it(`${name} at the root or one level down is a project; deeper is not`, () => {
            touch(path.join('a', 'b', name));
            assert.strictEqual(markersAt(root), undefined);
            touch(path.join('pkg', name));
            assert.strictEqual(markersAt(root), 'project');
            fs.rmSync(path.join(root, 'pkg'), { recursive: true });
            touch(name);
            assert.strictEqual(markersAt(root), 'project');
        });
    }

    it('a stray Python file, node_modules and a folder named like a project file are not', () => {
        touch(path.join('web', 'src', 'deep', 'scripts', 'tool.py'));
        touch(path.join('node_modules', 'pkg', 'pyproject.toml'));
        fs.mkdirSync(path.join(root, 'docs', 'setup.py'), { recursive: true });
        touch('package.json');
        assert.strictEqual(markersAt(root), undefined);
    });

    it('a project file reached through a symlinked folder is not followed', () => {
        const outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'venv-doctor-markers-outside-')));
        try {
            fs.writeFileSync(path.join(outside, 'pyproject.toml'), '');
            fs.symlinkSync(outside, path.join(root, 'linked'));
            assert.strictEqual(markersAt(root), undefined);
        } finally {
            fs.rmSync(outside, { recursive: true, force: true });
        }
    });

    it('a root that does not exist or cannot be read holds nothing', () => {
        assert.strictEqual(markersAt(path.join(root, 'missing')), undefined);
    });

    it('the manifest activates on the same files (and no longer on any .py file)', () => {
        const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../../package.json'), 'utf8'));
        const events: string[] = manifest.activationEvents;
        const contains = events.filter((e) => e.startsWith('workspaceContains:')).map((e) => e.slice('workspaceContains:'.length));
        assert.ok(contains.includes(`**/${ENVIRONMENT_FILE}`));
        assert.ok(contains.includes(ENVIRONMENT_FOLDER));
        for (const name of [...PROJECT_FILES, 'requirements*.txt']) {
            assert.ok(contains.includes(name), `${name} at the root`);
            assert.ok(contains.includes(`*/${name}`), `${name} one level down`);
            assert.ok(PROJECT_FILES_GLOB.includes(`*/${name}`), `the watcher glob sees ${name} appear one level down`);
        }
        assert.ok(contains.includes('.vscode/settings.json'), 'a folder whose settings may name an interpreter');
        assert.ok(events.includes('onLanguage:python'));
        assert.ok(!contains.some((glob) => /\*\.py$/.test(glob)), 'no workspaceContains on .py files');
        // The view and the commands activate by themselves (VS Code ≥ 1.74 implies onView/onCommand from contributes).
        assert.ok(!events.some((e) => e.startsWith('onView:') || e.startsWith('onCommand:')));
        assert.match(manifest.engines.vscode, /^\^1\.(7[4-9]|[89]\d|1\d\d)\./);
        // Collapsed, so an open Explorer does not activate the extension: expanding the view does.
        assert.strictEqual(manifest.contributes.views.explorer[0].visibility, 'collapsed');
    });
});
