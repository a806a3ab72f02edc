// A fresh real folder for each test of a hostless suite, with the extension deactivated and removed after each.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { restoreVSCode } from './hostlessVSCode';

/** Call inside describe(); the returned function gives the current test's folder (real path, no symlinks). */
export function scratchFolderPerTest(prefix: string): () => string {
    let folder = '';
    beforeEach(() => {
        folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
    });
    afterEach(async () => {
        await restoreVSCode();
        fs.rmSync(folder, { recursive: true, force: true });
    });
    return () => folder;
}
