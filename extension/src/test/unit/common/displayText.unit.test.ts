import * as assert from 'assert';
import { labelText, markdownCode, markdownText, notificationText, plainText } from '../../../common/displayText';
import { HOSTILE_NAMES, generatedHostileText, hasRawControl } from '../hostileText';

describe('displayText', () => {
    it('shows control characters, DEL, C1, bidi overrides and lone surrogates as escapes, like the CLI', () => {
        assert.strictEqual(plainText('\x1b]0;pwned\x07'), '\\x1b]0;pwned\\x07');
        assert.strictEqual(plainText('\x1b[2J'), '\\x1b[2J');
        assert.strictEqual(plainText('a\nb\r\tc\x7f\x85\x9b'), 'a\\nb\\r\\tc\\x7f\\x85\\x9b');
        assert.strictEqual(plainText('bidi\u202eevil\u2066'), 'bidi\\u202eevil\\u2066');
        assert.strictEqual(plainText('half\ud800 and \udc00'), 'half\\ud800 and \\udc00');
    });

    it('leaves printable text as it is: any script, emoji, backslashes, shell syntax', () => {
        for (const text of ['/home/me/café/.venv', 'snake \u{1F40D}', 'C:\\Users\\me', 'x;touch y;# $(touch z) `q`']) {
            assert.strictEqual(plainText(text), text);
        }
    });

    it('gives generated hostile text no raw control character, and escaping twice changes nothing', () => {
        for (const raw of [...HOSTILE_NAMES, ...generatedHostileText(2000)]) {
            for (const shown of [plainText(raw), notificationText(raw), labelText(raw), markdownText(raw), markdownCode(raw)]) {
                assert.ok(!hasRawControl(shown) && !shown.includes('\n'), JSON.stringify(shown));
            }
            assert.strictEqual(plainText(plainText(raw)), plainText(raw));
            assert.strictEqual(notificationText(notificationText(raw)), notificationText(raw));
        }
    });

    it('keeps a notification from turning a name into a link', () => {
        const shown = notificationText('/w/[click me](command:workbench.action.terminal.new)/.venv');
        assert.doesNotMatch(shown, /\]\(/);
        assert.strictEqual(shown.replace(/\u200b/g, ''), '/w/[click me](command:workbench.action.terminal.new)/.venv');
    });

    it('keeps a label from drawing an icon', () => {
        assert.strictEqual(labelText('$(error) fake'), '\\$(error) fake');
    });

    it('escapes Markdown and HTML in prose, and icons only where the string renders them', () => {
        assert.strictEqual(markdownText('**x** [a](b) <img src=x> # | ~~s~~ `c` \\'), '\\*\\*x\\*\\* \\[a\\](b) \\<img src=x\\> \\# \\| \\~\\~s\\~\\~ \\`c\\` \\\\');
        assert.strictEqual(markdownText('$(error)'), '$(error)');
        assert.strictEqual(markdownText('$(error)', { themeIcons: true }), '\\\\$(error)');
    });

    it('makes a code span that no backtick in the value can close early', () => {
        assert.strictEqual(markdownCode('/w/.venv'), '`/w/.venv`');
        assert.strictEqual(markdownCode('a`b'), '``a`b``');
        assert.strictEqual(markdownCode('`x``'), '``` `x`` ```');
        assert.strictEqual(markdownCode('a|b', { inTable: true }), '`a\\|b`');
        assert.strictEqual(markdownCode('line\nbreak\x1b'), '`line\\nbreak\\x1b`');
    });
});
