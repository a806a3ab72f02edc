import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { RepairPlan } from '../../../../sidecar/protocol';
import { NOTES_NAME, OTHER_CHANGES_NAME, applyChangedLines, changeEntries, summarizePlan } from '../../../../features/views/planPreview';
import { PlanDocuments, readTextForPreview } from '../../../../features/views/repairPreview';

const relocate: RepairPlan = {
    path: '/w/proj/.venv',
    action: 'relocate',
    title: 'Relocate the environment from /w/old/.venv to /w/proj/.venv',
    edits: [
        { file: '/w/proj/.venv/bin/activate', operation: 'write', description: 'rewrite VIRTUAL_ENV (1 place)', before: 'VIRTUAL_ENV="/w/old/.venv"', after: 'VIRTUAL_ENV="/w/proj/.venv"' },
        { file: '/w/proj/.venv/bin/pip', operation: 'write', description: 'shebang', before: '#!/w/old/.venv/bin/python', after: '#!/w/proj/.venv/bin/python' },
        { file: '/w/proj/.venv/bin/pip.exe', operation: 'write', description: "rewrite the Windows launcher's embedded shebang", before: '#!/w/old/.venv/bin/python', after: '#!/w/proj/.venv/bin/python' },
        { file: '/w/proj/.venv/lib64', operation: 'relink', description: 're-point link', before: '/w/old/.venv/lib', after: '/w/proj/.venv/lib' },
    ],
    notes: ['/w/proj/.venv/bin/tool: not a UTF-8 text file; left unchanged.'],
    left: [],
};

const files: Record<string, string> = {
    '/w/proj/.venv/bin/activate': '# activate\nVIRTUAL_ENV="/w/old/.venv"\nexport VIRTUAL_ENV\n',
    '/w/proj/.venv/bin/pip': '#!/w/old/.venv/bin/python\nimport sys\n',
};

describe('repair plan preview', () => {
    it('says in one line what will happen', () => {
        assert.strictEqual(summarizePlan(relocate), 'Relocate `.venv` to its new place: 3 files rewritten, 1 link re-pointed, nothing else touched');
        assert.strictEqual(summarizePlan({ ...relocate, edits: [relocate.edits[0]] }), 'Relocate `.venv` to its new place: 1 file rewritten, nothing else touched');
        assert.strictEqual(summarizePlan({ ...relocate, edits: [] }), 'Relocate `.venv` to its new place: nothing to change');
        const recreate: RepairPlan = {
            path: '/w/proj/.venv',
            action: 'recreate',
            title: 'Recreate the environment with Python 3.12.1',
            edits: [{ file: '/w/proj/.venv', operation: 'rename', description: 'keep the old environment aside', before: '/w/proj/.venv', after: '/w/proj/..venv.venv-doctor-old-1' }],
            notes: ['create a new environment: /usr/bin/python3 -m venv /w/proj/.venv', 'reinstall 3 distribution(s) with the new pip: a==1, b==2, c==3'],
            left: [],
        };
        assert.strictEqual(summarizePlan(recreate), 'Recreate `.venv` with Python 3.12.1: a new environment in its place, 3 packages reinstalled, the old one kept aside for undo');
        assert.strictEqual(
            summarizePlan({ ...recreate, title: 'Recreate', notes: ['no distributions to reinstall'] }),
            'Recreate `.venv` with a fresh base: a new environment in its place, no packages to reinstall, the old one kept aside for undo',
        );
        const relink: RepairPlan = { ...relocate, action: 'relink-base', title: 'Point the environment at Python 3.12.4 (/usr/bin/python3.12)', edits: [relocate.edits[3]] };
        assert.strictEqual(summarizePlan(relink), 'Relink `.venv` to Python 3.12.4: 1 link re-pointed, nothing else touched');
        assert.strictEqual(summarizePlan({ ...relocate, action: 'something-new' }), `${relocate.title}: 3 files rewritten, 1 link re-pointed, nothing else touched`);
    });

    it('counts the files a plan leaves as they were and lists each with its reason beside the notes', () => {
        const left = [{ file: '/w/proj/.venv/bin/activate', reason: 'a symlink to /shared/activate; never written through' }];
        const copy: RepairPlan = {
            ...relocate,
            action: 'make-independent',
            edits: [{ file: '/w/proj/.venv/lib/site.py', operation: 'materialize', description: 'replace the link into the original by a copy of the file', before: null, after: null }],
            notes: [],
            left,
        };
        assert.match(summarizePlan(copy), /: 1 link replaced by a copy, nothing else touched; 1 file left as it was \(see the changes\)$/);
        const notes = changeEntries(copy, () => undefined).find((e) => e.file.endsWith(NOTES_NAME))!;
        assert.strictEqual(notes.after, '- left as it was: /w/proj/.venv/bin/activate: a symlink to /shared/activate; never written through\n');
    });

    it('diffs whole text files before and after, and lists binary files and links by name with what changes', () => {
        const entries = changeEntries(relocate, (file) => files[file]);
        assert.deepStrictEqual(entries.map((e) => e.file), [
            '/w/proj/.venv/bin/activate',
            '/w/proj/.venv/bin/pip',
            path.join('/w/proj/.venv', OTHER_CHANGES_NAME),
            path.join('/w/proj/.venv', NOTES_NAME),
        ]);
        assert.strictEqual(entries[0].before, files['/w/proj/.venv/bin/activate']);
        assert.strictEqual(entries[0].after, '# activate\nVIRTUAL_ENV="/w/proj/.venv"\nexport VIRTUAL_ENV\n');
        assert.strictEqual(entries[1].after, '#!/w/proj/.venv/bin/python\nimport sys\n');
        assert.strictEqual(entries[2].before, "bin/pip.exe: #!/w/old/.venv/bin/python\nlib64 -> /w/old/.venv/lib\n");
        assert.strictEqual(entries[2].after, "bin/pip.exe: #!/w/proj/.venv/bin/python\nlib64 -> /w/proj/.venv/lib\n");
        assert.strictEqual(entries[3].after, '- /w/proj/.venv/bin/tool: not a UTF-8 text file; left unchanged.\n');
    });

    it('shows just the changed lines when the file no longer holds them verbatim', () => {
        const entries = changeEntries({ ...relocate, edits: [relocate.edits[0]], notes: [] }, () => 'VIRTUAL_ENV=elsewhere\n');
        assert.deepStrictEqual(entries, [{ file: '/w/proj/.venv/bin/activate', before: 'VIRTUAL_ENV="/w/old/.venv"', after: 'VIRTUAL_ENV="/w/proj/.venv"' }]);
    });

    it('replaces changed lines that are apart in the file, each in order', () => {
        const content = 'if cygwin; then\n    VIRTUAL_ENV=$(cygpath "/w/old/.venv")\nelse\n    export VIRTUAL_ENV="/w/old/.venv"\nfi\n';
        const before = '    VIRTUAL_ENV=$(cygpath "/w/old/.venv")\n    export VIRTUAL_ENV="/w/old/.venv"';
        const after = '    VIRTUAL_ENV=$(cygpath "/w/proj/.venv")\n    export VIRTUAL_ENV="/w/proj/.venv"';
        assert.strictEqual(applyChangedLines(content, before, after), content.replace(/\/w\/old/g, '/w/proj'));
        assert.strictEqual(applyChangedLines(content, before, 'one line only'), undefined, 'lists that do not pair up');
        assert.strictEqual(applyChangedLines(content, '    export VIRTUAL_ENV="/w/old/.venv"\n    VIRTUAL_ENV=$(cygpath "/w/old/.venv")', after), undefined, 'out of order');
    });

    it('keeps `$` sequences of the new text literally', () => {
        const plan = { ...relocate, edits: [{ ...relocate.edits[0], after: 'VIRTUAL_ENV="/w/$&/.venv"' }], notes: [] };
        assert.strictEqual(changeEntries(plan, (file) => files[file])[0].after, '# activate\nVIRTUAL_ENV="/w/$&/.venv"\nexport VIRTUAL_ENV\n');
    });

    it('serves each side of each entry by URI query, and says so when the plan is gone', () => {
        const documents = new PlanDocuments();
        const id = documents.add(changeEntries(relocate, (file) => files[file]));
        assert.strictEqual(documents.content(`plan=${id}&entry=0&side=before`), files['/w/proj/.venv/bin/activate']);
        assert.match(documents.content(`plan=${id}&entry=0&side=after`), /VIRTUAL_ENV="\/w\/proj\/\.venv"/);
        assert.match(documents.content('plan=999&entry=0&side=after'), /no longer available/);
        for (let i = 0; i < 10; i++) {
            documents.add([]);
        }
        assert.match(documents.content(`plan=${id}&entry=0&side=before`), /no longer available/, 'old plans are dropped');
    });

    describe('reading files for the preview', () => {
        let dir: string;
        beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'venv-doctor-preview-'))));
        afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

        it('reads UTF-8 text, and refuses binary files, folders, FIFOs and missing files without blocking', () => {
            fs.writeFileSync(path.join(dir, 'activate'), 'VIRTUAL_ENV="/x"\n');
            fs.writeFileSync(path.join(dir, 'launcher.exe'), Buffer.from([0x4d, 0x5a, 0x00, 0x01]));
            fs.writeFileSync(path.join(dir, 'latin1'), Buffer.from([0x63, 0x61, 0x66, 0xe9]));
            assert.strictEqual(readTextForPreview(path.join(dir, 'activate')), 'VIRTUAL_ENV="/x"\n');
            assert.strictEqual(readTextForPreview(path.join(dir, 'launcher.exe')), undefined);
            assert.strictEqual(readTextForPreview(path.join(dir, 'latin1')), undefined);
            assert.strictEqual(readTextForPreview(dir), undefined);
            assert.strictEqual(readTextForPreview(path.join(dir, 'missing')), undefined);
            const fifo = path.join(dir, 'fifo');
            execFileSync('mkfifo', [fifo]);
            assert.strictEqual(readTextForPreview(fifo), undefined);
        });
    });
});
