// Venv Doctor: Show Environment Report — every environment, finding and suggestion as a Markdown document, shown
// rendered (views/reportView.ts) and copied as is ("Copy Report as Markdown").
import { markdownCode, markdownText } from '../common/displayText';
import { compareBaseInterpreters, newestVersionFirst } from '../common/pythonVersion';
import { environmentName } from '../common/strings';
import { BaseInterpreter, Environment, InterpreterSetting, SkippedPath, Suggestion } from '../sidecar/protocol';

export interface ReportInput {
    environments: Environment[];
    interpreters: BaseInterpreter[];
    settings: InterpreterSetting[];
    skipped: SkippedPath[];
}

/**
 * Health in words, not emoji: the report is read in a Markdown preview and pasted into issues, and emoji render as
 * empty boxes where the system lacks a colour-emoji font (many Linux desktops and containers).
 */
const healthWord = { ok: 'OK', warning: 'WARNING', broken: 'BROKEN' } as const;

/** Base installs (pyenv versions) after the environments made from them, within the same health. */
function isBaseInstall(env: Environment): number {
    return env.kind === 'pyenv' ? 1 : 0;
}

/**
 * One section per part of the report, each a list of lines ending in a blank one; empty parts are left out. Every
 * value from the workspace goes through common/displayText: names and messages as escaped Markdown text, paths and
 * values as code spans, so a name can neither break a line nor add a link, an image, a heading, a table cell or HTML.
 */
export function renderReport(input: ReportInput): string {
    return [
        '# Venv Doctor report',
        '',
        ...summaryLines(input.environments),
        ...worstFirst(input.environments).flatMap(environmentLines),
        ...settingsLines(input.settings),
        ...interpreterLines(input.interpreters),
        ...skippedLines(input.skipped),
    ].join('\n');
}

function summaryLines(environments: Environment[]): string[] {
    const counts = ['broken', 'warning', 'ok'].map((h) => `${environments.filter((e) => e.health === h).length} ${h}`);
    return [`${environments.length} environment(s): ${counts.join(', ')}.`, ''];
}

/** Broken first, so what needs attention is at the top of a pasted report. */
function worstFirst(environments: Environment[]): Environment[] {
    const rank = { broken: 0, warning: 1, ok: 2 } as const;
    return [...environments].sort(
        (a, b) =>
            (rank[a.health] ?? 3) - (rank[b.health] ?? 3) ||
            isBaseInstall(a) - isBaseInstall(b) ||
            newestVersionFirst(a.version, b.version) ||
            a.path.localeCompare(b.path),
    );
}

function environmentLines(env: Environment): string[] {
    const facts: [string, string | null | undefined][] = [
        ['Path', env.path],
        ['Kind', env.kind],
        ['Version', env.version],
        ['Interpreter', env.interpreter],
        ['Base (home)', env.home],
        ['Prompt', env.prompt],
        ['Manager', env.manager],
    ];
    return [
        `## ${markdownText(environmentName(env.path))} — ${healthWord[env.health] ?? markdownText(env.health)}`,
        '',
        ...facts.filter(([, value]) => value).map(([name, value]) => `- **${name}:** ${markdownCode(value!)}`),
        '',
        ...section('### Findings', env.findings ?? [], (finding) => [
            `- **${markdownText(finding.severity)}** ${markdownCode(finding.code)}: ${markdownText(finding.message)}`,
            ...Object.entries(finding.data ?? {}).map(([key, value]) => `  - ${markdownText(key)}: ${markdownCode(value)}`),
        ]),
        ...section('### Suggested repairs', env.suggestions ?? [], suggestionLines),
    ];
}

/**
 * A suggested repair, and the command that performs or completes it when the sidecar gives one (`data.command`:
 * reinstall-binaries' pip command; ignore-in-git's `git rm -r --cached`, which the user runs). The sidecar
 * quotes that command for the user's shell (server/VenvDoctor.Core/Display/CopyableCommand.cs, the one quoting), so
 * it is shown exactly, in a code span: pasted, it runs that one command whatever the names in it.
 */
function suggestionLines(suggestion: Suggestion): string[] {
    const command = suggestion.data?.command;
    return [`- ${markdownText(suggestion.title)} (${markdownCode(suggestion.action)})`, ...(command ? [`  - command: ${markdownCode(command)}`] : [])];
}

function settingsLines(settings: InterpreterSetting[]): string[] {
    const tableHeader = ['| File | Setting | Value | Exists | Suggested |', '| --- | --- | --- | --- | --- |'];
    const cell = (value: string) => markdownCode(value, { inTable: true });
    const row = (s: InterpreterSetting) =>
        s.unreadable
            ? `| ${cell(s.file)} | | | not checked: it ${markdownText(s.unreadable)} | |`
            : `| ${cell(s.file)} | ${cell(s.key)} | ${cell(s.value)} | ${s.resolves ? 'yes' : '**no**'} | ${s.suggestion ? cell(s.suggestion) : ''} |`;
    return section('## Interpreter settings', settings, (s) => [row(s)], tableHeader);
}

function interpreterLines(interpreters: BaseInterpreter[]): string[] {
    return section('## Base interpreters', [...interpreters].sort(compareBaseInterpreters), (i) => [
        `- Python ${markdownText(i.version ?? '?')} — ${markdownCode(i.executable)}${i.source ? ` (${markdownText(i.source)})` : ''}`,
    ]);
}

function skippedLines(skipped: SkippedPath[]): string[] {
    return section('## Not scanned', skipped, (s) => [`- ${markdownCode(s.path)}: ${markdownText(s.reason)}`]);
}

/** A heading, a blank line, any lines that open the body (a table header), the items, and a closing blank line; nothing when there are no items. */
function section<T>(heading: string, items: T[], render: (item: T) => string[], opening: string[] = []): string[] {
    return items.length === 0 ? [] : [heading, '', ...opening, ...items.flatMap(render), ''];
}
