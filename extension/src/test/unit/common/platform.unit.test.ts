// Windows and macOS behaviour of the extension, run on any OS: common/platform.ts is swapped for the OS under test
// (usePlatform), and the features that build or compare interpreter paths are run against it.
import * as assert from 'assert';
import { platform, platformFor, usePlatform } from '../../../common/platform';
import { environmentName, interpreterName } from '../../../common/strings';
import { bestEnvironmentIn, environmentFor, resolveActiveInterpreter } from '../../../features/activeInterpreter';
import { environmentLabel } from '../../../features/environmentLabel';
import { isInside } from '../../../features/environmentStore';
import { interpreterIn } from '../../../features/interpreterPicker';
import { environmentLabel as treeLabel, isBuiltOn } from '../../../features/views/environmentTreeModel';
import { folderSettingsFile } from '../../../interpreters/settingsBackend';
import { env } from '../helpers';

/** A Windows venv as the sidecar reports it: drive letter upper-case, backslashes, Scripts\python.exe. */
function windowsEnv(envPath: string) {
    return env(envPath, { interpreter: `${envPath}\\Scripts\\python.exe`, kind: 'venv' });
}

describe('platform: Windows', () => {
    let restore: () => void;
    beforeEach(() => (restore = usePlatform(platformFor('win32'))));
    afterEach(() => restore());

    it("puts an environment's interpreter in Scripts\\python.exe, and looks there first for a folder the user enters", () => {
        assert.strictEqual(platform().interpreterOf('C:\\work\\proj\\.venv'), 'C:\\work\\proj\\.venv\\Scripts\\python.exe');
        assert.deepStrictEqual(platform().interpreterCandidates('C:\\env'), ['C:\\env\\Scripts\\python.exe', 'C:\\env\\bin\\python']);
        const exists = (f: string) => f === 'C:\\env\\Scripts\\python.exe' || f === 'C:\\env\\bin\\python';
        assert.strictEqual(interpreterIn('C:\\env', exists), 'C:\\env\\Scripts\\python.exe');
    });

    it('compares paths case-insensitively, with either separator and trailing separators ignored', () => {
        const p = platform();
        assert.ok(p.samePath('c:\\Work\\Proj\\', 'C:\\work\\proj'));
        assert.ok(p.samePath('C:/work/proj/.venv', 'c:\\WORK\\proj\\.venv'));
        assert.ok(!p.samePath('C:\\work\\proj', 'D:\\work\\proj'));
        assert.ok(isInside('C:\\Work\\proj\\.venv\\Scripts\\python.exe', 'c:\\work\\proj'));
        assert.ok(isInside('C:\\work\\proj', 'c:\\work\\proj\\'));
        assert.ok(!isInside('C:\\work\\project2', 'c:\\work\\proj'), 'a sibling whose name starts the same is not inside');
        assert.ok(isInside('C:\\x\\y', 'C:\\'), 'everything on a drive is inside its root');
        assert.strictEqual(p.tildify('c:\\users\\me\\envs\\a', 'C:\\Users\\me'), '~\\envs\\a');
    });

    it("finds the environment of the folder's interpreter when VS Code hands out c:\\ and the sidecar says C:\\", () => {
        const venv = windowsEnv('C:\\work\\proj\\.venv');
        const folder = { name: 'proj', fsPath: 'c:\\work\\proj' };
        assert.strictEqual(environmentFor('c:\\work\\proj\\.venv\\scripts\\python.exe', [venv]), venv);
        assert.strictEqual(bestEnvironmentIn(folder, [windowsEnv('C:\\work\\proj\\tools\\venv'), venv]), venv, '.venv directly in the folder comes first');
        const active = resolveActiveInterpreter(folder, { settingPath: () => 'c:\\work\\proj\\.venv\\Scripts\\python.exe', expandSetting: (v) => v, exists: () => false }, {
            environments: [venv],
            interpreters: [],
            settings: [],
        });
        assert.strictEqual(active.environment, venv);
        assert.strictEqual(active.missing, false);
    });

    it('names environments and interpreters from Windows paths', () => {
        assert.strictEqual(interpreterName('C:\\work\\proj\\.venv\\Scripts\\python.exe'), '.venv');
        assert.strictEqual(interpreterName('C:\\Python312\\python.exe'), 'python.exe');
        assert.strictEqual(environmentName('C:\\work\\proj\\.venv'), '.venv');
        const folders = [{ name: 'proj', fsPath: 'c:\\work\\proj' }];
        assert.strictEqual(environmentLabel('C:\\work\\proj\\api\\.venv', ['C:\\work\\proj\\api\\.venv', 'C:\\work\\proj\\web\\.venv'], folders), 'api/.venv');
        assert.strictEqual(treeLabel(windowsEnv('C:\\work\\proj\\api\\.venv'), folders[0]), 'api\\.venv');
    });

    it("knows a venv built on a base by its home, whatever the case of the drive letter", () => {
        const base = { executable: 'C:\\Python312\\python.exe', version: '3.12.4', source: 'path', prefix: 'C:\\Python312' };
        assert.ok(isBuiltOn(env('C:\\w\\.venv', { home: 'c:\\python312' }), base));
        assert.ok(!isBuiltOn(env('C:\\w\\.venv', { home: 'C:\\Python313' }), base));
    });

    it("writes the folder's own settings file with backslashes (the sidecar checks it is that folder's)", () => {
        assert.strictEqual(folderSettingsFile('c:\\work\\proj'), 'c:\\work\\proj\\.vscode\\settings.json');
    });

    it("tells the shell commands are quoted for from VS Code's default terminal profile", () => {
        const p = platform();
        assert.strictEqual(p.shellOf('C:\\WINDOWS\\System32\\WindowsPowerShell\\v1.0\\powershell.exe'), 'powershell');
        assert.strictEqual(p.shellOf('C:\\Program Files\\PowerShell\\7\\pwsh.exe'), 'powershell');
        assert.strictEqual(p.shellOf('C:\\WINDOWS\\System32\\cmd.exe'), 'cmd');
        assert.strictEqual(p.shellOf('C:\\Program Files\\Git\\bin\\bash.exe'), 'posix', 'Git Bash is bash');
        assert.strictEqual(p.shellOf('C:\\tools\\nu.exe'), 'powershell', "a shell we do not quote for: Windows' own");
        assert.strictEqual(p.shellOf(undefined), 'powershell');
    });
});

describe('platform: macOS', () => {
    let restore: () => void;
    beforeEach(() => (restore = usePlatform(platformFor('darwin'))));
    afterEach(() => restore());

    it('keeps bin/python and / but compares names case-insensitively, as APFS does by default', () => {
        const p = platform();
        assert.strictEqual(p.interpreterOf('/Users/me/proj/.venv'), '/Users/me/proj/.venv/bin/python');
        assert.ok(p.samePath('/Users/me/Proj/.venv', '/users/me/proj/.venv/'));
        assert.ok(isInside('/Users/Me/proj/.venv/bin/python', '/Users/me/proj'));
        assert.ok(!isInside('/Users/me/proj\\x', '/Users/me/proj'), 'a backslash is part of a name here, not a separator');
        const venv = env('/Users/me/proj/.venv');
        assert.strictEqual(environmentFor('/Users/me/PROJ/.venv/bin/python', [venv]), venv);
    });

    it('quotes for zsh (POSIX), fish, or POSIX when the shell is unknown', () => {
        const p = platform();
        assert.strictEqual(p.shellOf('/bin/zsh'), 'posix');
        assert.strictEqual(p.shellOf('/opt/homebrew/bin/fish'), 'fish');
        assert.strictEqual(p.shellOf('/opt/homebrew/bin/pwsh'), 'powershell');
        assert.strictEqual(p.shellOf('/usr/local/bin/xonsh'), 'posix');
    });
});

describe('platform: Linux', () => {
    let restore: () => void;
    beforeEach(() => (restore = usePlatform(platformFor('linux'))));
    afterEach(() => restore());

    it('compares names exactly', () => {
        const p = platform();
        assert.ok(!p.samePath('/work/Proj', '/work/proj'));
        assert.ok(p.samePath('/work/proj/', '/work/proj'));
        assert.ok(!isInside('/work/Proj/.venv', '/work/proj'));
        assert.ok(isInside('/x', '/'));
        assert.strictEqual(p.interpreterOf('/w/.venv'), '/w/.venv/bin/python');
        assert.strictEqual(p.shellOf('/usr/bin/bash'), 'posix');
    });
});
