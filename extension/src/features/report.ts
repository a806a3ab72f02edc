// Venv Doctor: Show Environment Report — every environment, finding and suggestion as a Markdown document, shown
// rendered (views/reportView.ts) and copied as is ("Copy Report as Markdown").
import { compareBaseInterpreters, newestVersionFirst } from '../common/pythonVersion';
import { environmentName } from '../common/strings';
import { BaseInterpreter, Environment, InterpreterSetting, SkippedPath } from '../sidecar/protocol';

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

export function renderReport(input: ReportInput): string {
    const lines: string[] = ['# Venv Doctor report', ''];
    const counts = ['broken', 'warning', 'ok'].map((h) => `${input.environments.filter((e) => e.health === h).length} ${h}`);
    lines.push(`${input.environments.length} environment(s): ${counts.join(', ')}.`, '');
    const rank = { broken: 0, warning: 1, ok: 2 } as const;
    const sorted = [...input.environments].sort(
        (a, b) =>
            (rank[a.health] ?? 3) - (rank[b.health] ?? 3) ||
            isBaseInstall(a) - isBaseInstall(b) ||
            newestVersionFirst(a.version, b.version) ||
            a.path.localeCompare(b.path),
    );
    for (const env of sorted) {
        lines.push(`## ${environmentName(env.path)} — ${healthWord[env.health] ?? env.health}`, '');
        const facts: [string, string | null | undefined][] = [
            ['Path', env.path],
            ['Kind', env.kind],
            ['Version', env.version],
            ['Interpreter', env.interpreter],
            ['Base (home)', env.home],
            ['Prompt', env.prompt],
            ['Manager', env.manager],
        ];
        for (const [name, value] of facts) {
            if (value) {
                lines.push(`- **${name}:** \`${value}\``);
            }
        }
        lines.push('');
        const findings = env.findings ?? [];
        if (findings.length > 0) {
            lines.push('### Findings', '');
            for (const finding of findings) {
                lines.push(`- **${finding.severity}** \`${finding.code}\`: ${finding.message}`);
                for (const [key, value] of Object.entries(finding.data ?? {})) {
                    lines.push(`  - ${key}: \`${value}\``);
                }
            }
            lines.push('');
        }
        const suggestions = env.suggestions ?? [];
        if (suggestions.length > 0) {
            lines.push('### Suggested repairs', '');
            for (const suggestion of suggestions) {
                lines.push(`- ${suggestion.title} (\`${suggestion.action}\`)`);
            }
            lines.push('');
        }
    }
    if (input.settings.length > 0) {
        lines.push('## Interpreter settings', '', '| File | Setting | Value | Exists | Suggested |', '| --- | --- | --- | --- | --- |');
        for (const s of input.settings) {
            lines.push(`| \`${s.file}\` | \`${s.key}\` | \`${s.value}\` | ${s.resolves ? 'yes' : '**no**'} | ${s.suggestion ? `\`${s.suggestion}\`` : ''} |`);
        }
        lines.push('');
    }
    if (input.interpreters.length > 0) {
        lines.push('## Base interpreters', '');
        for (const i of [...input.interpreters].sort(compareBaseInterpreters)) {
            lines.push(`- Python ${i.version ?? '?'} — \`${i.executable}\`${i.source ? ` (${i.source})` : ''}`);
        }
        lines.push('');
    }
    if (input.skipped.length > 0) {
        lines.push('## Not scanned', '');
        for (const s of input.skipped) {
            lines.push(`- \`${s.path}\`: ${s.reason}`);
        }
        lines.push('');
    }
    return lines.join('\n');
}
