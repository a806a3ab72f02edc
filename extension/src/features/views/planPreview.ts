// A repair plan as people read changes: one line saying what will happen, and before ⇄ after documents for a diff
// editor. Pure: file reads come through `readText`, so the documents are unit-tested from a plan alone.
import { FileEdit, RepairPlan } from '../../sidecar/protocol';
import { platform } from '../../common/platform';

/** Scheme of the read-only documents a plan's diff is made of (served by planDocumentProvider.ts). */
export const PLAN_SCHEME = 'venv-doctor-plan';

export type Side = 'before' | 'after';

/** What each action does, in the words of the one-line confirmation; `python` is the base it uses ("Python 3.12.4"). */
const actionPhrases: Record<string, (name: string, python: string | undefined) => string> = {
    relocate: (name) => `Relocate \`${name}\` to its new place`,
    'make-independent': (name) => `Make \`${name}\` independent of the environment it was copied from`,
    'relink-base': (name, python) => `Relink \`${name}\` to ${python ?? 'an installed Python'}`,
    recreate: (name, python) => `Recreate \`${name}\` with ${python ?? 'a fresh base'}`,
    'regenerate-config': (name, python) => `Write a new pyvenv.cfg for \`${name}\`${python ? ` (${python})` : ''}`,
    'fix-home': (name) => `Fix \`home\` in the pyvenv.cfg of \`${name}\``,
    'reinstall-editable': (name) => `Re-point the editable installs of \`${name}\``,
    'repoint-interpreter': (name) => `Point this folder's interpreter setting at \`${name}\``,
};

const operationCounts: Record<string, [singular: string, plural: string]> = {
    write: ['file rewritten', 'files rewritten'],
    relink: ['link re-pointed', 'links re-pointed'],
    create: ['file created', 'files created'],
    'create-link': ['link created', 'links created'],
    delete: ['file removed', 'files removed'],
    rename: ['folder set aside (kept for undo)', 'folders set aside (kept for undo)'],
    materialize: ['link replaced by a copy', 'links replaced by copies'],
};

/** "Relocate `.venv` to its new place: 7 files rewritten, nothing else touched". */
export function summarizePlan(plan: RepairPlan): string {
    const name = platform().path.basename(plan.path) || plan.path;
    // The sidecar's titles name the base they use: "Point the environment at Python 3.12.4 (/usr/bin/python3.12)".
    const python = /\bPython \d+(?:\.\d+)+/.exec(plan.title)?.[0];
    const what = actionPhrases[plan.action]?.(name, python) ?? plan.title;
    if (plan.edits.length === 0) {
        return `${what}: nothing to change`;
    }
    const reinstall = plan.notes?.map((note) => /^reinstall (\d+) distribution/.exec(note)?.[1]).find(Boolean);
    if (plan.action === 'recreate') {
        // Its one edit is the folder set aside; what matters is the new environment and what goes into it.
        const packages = reinstall ? `${reinstall} package${reinstall === '1' ? '' : 's'} reinstalled` : 'no packages to reinstall';
        return `${what}: a new environment in its place, ${packages}, the old one kept aside for undo`;
    }
    const counts = new Map<string, number>();
    for (const edit of plan.edits) {
        counts.set(edit.operation, (counts.get(edit.operation) ?? 0) + 1);
    }
    const parts = [...counts].map(([operation, n]) => {
        const words = operationCounts[operation] ?? [`${operation}`, `${operation}`];
        return `${n} ${n === 1 ? words[0] : words[1]}`;
    });
    const left = plan.left?.length ?? 0;
    const leftText = left === 0 ? '' : `; ${left} file${left === 1 ? '' : 's'} left as ${left === 1 ? 'it was' : 'they were'} (see the changes)`;
    return `${what}: ${parts.join(', ')}, nothing else touched${leftText}`;
}

/** One entry of the multi-file diff: a label (the real file) and its two sides. */
export interface ChangeEntry {
    /** The file the entry is about, or a name for a listing (links, notes). */
    file: string;
    before: string;
    after: string;
}

/** Reads a text file for display, or undefined (missing, not a regular file, too large, binary). */
export type ReadText = (file: string) => string | undefined;

/** The document the diff shows for links, binary files, folders and the plan's notes, by name. */
export const OTHER_CHANGES_NAME = 'Other changes (links, binary files, folders)';
export const NOTES_NAME = 'What else the repair will do';

/**
 * Every file the plan writes becomes a before ⇄ after pair: the whole file, with the plan's changed lines
 * replaced, when it is readable text that contains them; else just the changed lines. Links, binary files,
 * renames and deletions are listed by name with what changes, in one more pair; the plan's notes (what recreate
 * reinstalls, what is left alone) in a last one.
 */
export function changeEntries(plan: RepairPlan, readText: ReadText): ChangeEntry[] {
    const entries: ChangeEntry[] = [];
    const others: { before: string; after: string }[] = [];
    for (const edit of plan.edits) {
        const text = edit.operation === 'write' || edit.operation === 'create' ? textEntry(edit, readText) : undefined;
        if (text) {
            entries.push(text);
        } else {
            others.push(listed(edit, plan.path));
        }
    }
    if (others.length > 0) {
        entries.push({
            file: platform().path.join(plan.path, OTHER_CHANGES_NAME),
            before: others.map((o) => o.before).join('\n') + '\n',
            after: others.map((o) => o.after).join('\n') + '\n',
        });
    }
    // Files the repair leaves as they were are part of what it will (not) do: listed with the reason, beside the notes.
    const notes = [...(plan.notes ?? []), ...(plan.left ?? []).map((l) => `left as it was: ${l.file}: ${l.reason}`)];
    if (notes.length > 0) {
        entries.push({ file: platform().path.join(plan.path, NOTES_NAME), before: '', after: notes.map((n) => `- ${n}`).join('\n') + '\n' });
    }
    return entries;
}

function textEntry(edit: FileEdit, readText: ReadText): ChangeEntry | undefined {
    if (edit.operation === 'create') {
        return { file: edit.file, before: '', after: edit.after ?? '' };
    }
    const content = readText(edit.file);
    if (content === undefined) {
        return undefined; // binary (a Windows launcher) or unreadable: listed by name instead
    }
    const after = applyChangedLines(content, edit.before ?? '', edit.after ?? '');
    // When the changed lines are not found in the file (it changed since the plan), they alone still say what happens.
    return after === undefined ? { file: edit.file, before: edit.before ?? '', after: edit.after ?? '' } : { file: edit.file, before: content, after };
}

/**
 * The file with the plan's changed lines replaced. The plan lists the changed lines of a file together (they need
 * not be adjacent: `activate` sets VIRTUAL_ENV in two places), so each line is replaced in order, each found after
 * the previous one. Undefined when a line is not found or the two lists do not pair up.
 */
export function applyChangedLines(content: string, before: string, after: string): string | undefined {
    if (before === '') {
        return undefined;
    }
    if (content.includes(before)) {
        return content.replace(before, () => after);
    }
    const oldLines = before.split('\n');
    const newLines = after.split('\n');
    if (oldLines.length !== newLines.length) {
        return undefined;
    }
    let result = '';
    let rest = content;
    for (let i = 0; i < oldLines.length; i++) {
        const at = rest.indexOf(oldLines[i]);
        if (oldLines[i] === '' || at < 0) {
            return undefined;
        }
        result += rest.slice(0, at) + newLines[i];
        rest = rest.slice(at + oldLines[i].length);
    }
    return result + rest;
}

function listed(edit: FileEdit, envPath: string): { before: string; after: string } {
    const name = platform().path.relative(envPath, edit.file) || edit.file;
    switch (edit.operation) {
        case 'relink':
        case 'create-link':
            return { before: `${name} -> ${edit.before ?? '(no link)'}`, after: `${name} -> ${edit.after ?? '?'}` };
        case 'delete':
            return { before: `${name}`, after: `${name}: removed (${edit.description})` };
        case 'rename':
            return { before: `${edit.before ?? edit.file}`, after: `${edit.after ?? '?'} (${edit.description})` };
        default:
            return { before: `${name}: ${edit.before ?? '(binary)'}`, after: `${name}: ${edit.after ?? edit.description}` };
    }
}
