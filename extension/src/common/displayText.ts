// Text from a workspace (a folder name, a recorded path, a settings value, a message quoting them) on its way to the
// UI: notifications, the tree, the status item, the picker, the report. One module, used wherever such a string
// reaches the user, so that a name cannot carry escape sequences, line breaks, reordering marks, Markdown, HTML,
// links or icons into what VS Code shows. The characters escaped are the ones the sidecar's CLI escapes
// (server/VenvDoctor.Core/Display/TerminalText.cs), written the same way (`\x1b`, `\n`, `\u202e`).

/** C0 controls, DEL, C1 controls, bidirectional marks, overrides and isolates, line/paragraph separators, lone surrogates. */
const UNSAFE =
    /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** The text with every unsafe character shown as an escape; printable text (any script, emoji) unchanged. */
export function plainText(text: string): string {
    return text.replace(UNSAFE, (c) => {
        const code = c.charCodeAt(0);
        return NAMED[c] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
    });
}

/**
 * For a notification: plain text, and no link. VS Code turns `[label](https://…)` or `(command:…)` in a
 * notification's message into a link, so a folder named like one would put a link in our message; a zero-width
 * space between `]` and `(` keeps it text.
 */
export function notificationText(text: string): string {
    return plainText(text).replace(/\]\(/g, ']\u200b(');
}

/** For a label that renders `$(icon)` (the status item, a quick pick item): plain text with `$(` escaped as VS Code reads it (`\$(`). */
export function labelText(text: string): string {
    return plainText(text).replace(/\$\(/g, '\\$(');
}

/**
 * For Markdown prose (a tooltip, the report): plain text with Markdown's and HTML's active characters
 * backslash-escaped, so a name can add no emphasis, link, image, heading, table cell or tag. With `themeIcons` (a
 * MarkdownString that renders `$(icon)`), `$(` is escaped too, as VS Code's own MarkdownString.appendText does.
 */
export function markdownText(text: string, options: { themeIcons?: boolean } = {}): string {
    const plain = plainText(text);
    const iconsEscaped = options.themeIcons ? plain.replace(/\$\(/g, '\\$(') : plain;
    return iconsEscaped.replace(/[\\`*_{}[\]<>#|~]/g, '\\$&');
}

/**
 * A value as a Markdown code span, shown exactly (after escaping unsafe characters): the fence is one backtick
 * longer than the longest run of backticks inside, padded with a space when the value starts or ends with a
 * backtick or a space (CommonMark strips one). In a table cell `|` still ends the cell, so it is written `\|`.
 */
export function markdownCode(text: string, options: { inTable?: boolean } = {}): string {
    let plain = plainText(text);
    if (options.inTable) {
        plain = plain.replace(/\|/g, '\\|');
    }
    const longestRun = Math.max(0, ...(plain.match(/`+/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(longestRun + 1);
    const pad = /^[` ]|[` ]$/.test(plain) ? ' ' : '';
    return `${fence}${pad}${plain}${pad}${fence}`;
}
