// Names a hostile repository can give a folder or write into a file, for the tests of what reaches the UI: shell
// syntax, quotes, escape sequences (window title, screen clear), newlines, C1 controls, bidi overrides, Markdown,
// HTML, links and icons. generatedHostileText mixes pieces from a fixed seed, so a failure is reproducible.

export const HOSTILE_NAMES = [
    '\x1b]0;pwned\x07',
    '\x1b[2J',
    'line\nbreak',
    'x;touch y;#',
    '$(touch z)',
    '`touch z`',
    'it\'s "quoted"',
    '[click](command:workbench.action.terminal.new)',
    '<img src=x onerror=alert(1)>',
    '**bold** # heading | cell',
    '$(error) fake icon',
    'bidi\u202eevil',
    'c1\x85\x9b',
];

const PIECES = ["'", '"', '$', '`', '\\', '!', ';', '|', '*', '#', ' ', '\n', '\t', '\r', '\x1b', '\x07', '\x7f', '\x85', '\x9b', '\u202e',
    '\u2066', '\ud800', '\udc00', 'é', '\u{1F40D}', '$(', ')', '[', ']', '(', '<', '>', '_', '~', 'venv', '/', '.'];

/** A small deterministic generator (mulberry32), so the same strings come every run. */
export function* generatedHostileText(count: number, seed = 21): Generator<string> {
    let state = seed;
    const next = (n: number) => {
        state = (state + 0x6d2b79f5) | 0;
        let t = Math.imul(state ^ (state >>> 15), 1 | state);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * n;
    };
    for (let i = 0; i < count; i++) {
        let text = '';
        for (let pieces = 1 + Math.floor(next(12)); pieces > 0; pieces--) {
            text += PIECES[Math.floor(next(PIECES.length))];
        }
        yield text;
    }
}

/** A control character but the newline (C0, DEL, C1), a bidi override or isolate, or a lone surrogate. */
export function hasRawControl(text: string): boolean {
    return /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);
}
