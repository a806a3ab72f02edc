// The extension's half of the wire contract test (tests/contract/README.md): every golden sample type-checks against
// the type protocol.ts declares for its method, exactly; protocol.ts names the methods, notifications, finding codes
// and actions of docs/protocol.md. The server's half is tests/VenvDoctor.Sidecar.Tests/Contract.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { RequestType, RequestType0 } from 'vscode-jsonrpc';
import * as protocol from '../../../sidecar/protocol';

const extensionRoot = path.resolve(__dirname, '../../../..');
const repoRoot = path.resolve(extensionRoot, '..');
const samplesFolder = path.join(repoRoot, 'tests', 'contract', 'samples');

interface Sample {
    file: string;
    method: string;
    params: unknown;
    result?: unknown;
    hasResult: boolean;
}

const samples: Sample[] = fs
    .readdirSync(samplesFolder)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
        const body = JSON.parse(fs.readFileSync(path.join(samplesFolder, file), 'utf8'));
        return { file, method: body.method, params: body.params ?? null, result: body.result, hasResult: 'result' in body };
    });

/** Where protocol.ts declares each method: the expression naming it (e.g. `P.Methods.list`) and its kind as the doc writes it. */
const containers = ['LifecycleMethods', 'Methods', 'ClientNotifications', 'Notifications'] as const;
const declared = new Map<string, { expression: string; kind: string }>();
for (const container of containers) {
    for (const [key, type] of Object.entries(protocol[container])) {
        const request = type instanceof RequestType || type instanceof RequestType0;
        const kind = container === 'Notifications' ? 'server notification' : request ? 'request' : 'notification';
        declared.set(type.method, { expression: `P.${container}.${key}`, kind });
    }
}

/** The rows of the table under a heading of docs/protocol.md (as the server's half reads it). */
function docTable(heading: string): string[][] {
    const lines = fs.readFileSync(path.join(repoRoot, 'docs', 'protocol.md'), 'utf8').split('\n');
    const start = lines.findIndex((l) => l.trimEnd() === heading);
    assert.ok(start >= 0, `docs/protocol.md has no heading '${heading}'`);
    let at = start + 1;
    while (at < lines.length && !lines[at].startsWith('|')) at++;
    const rows: string[][] = [];
    for (; at < lines.length && lines[at].startsWith('|'); at++) {
        rows.push(lines[at].trim().replace(/^\||\|$/g, '').split(/(?<!\\)\|/).map((c) => c.replace(/\\\|/g, '|').trim()));
    }
    return rows.slice(2);
}
const firstColumn = (heading: string) => docTable(heading).map((r) => r[0].replace(/`/g, ''));

function differences(what: string, left: Iterable<string>, leftName: string, right: Iterable<string>, rightName: string): string[] {
    const l = new Set(left);
    const r = new Set(right);
    return [
        ...[...l].filter((x) => !r.has(x)).map((x) => `${what} '${x}': in ${leftName}, not in ${rightName}`),
        ...[...r].filter((x) => !l.has(x)).map((x) => `${what} '${x}': in ${rightName}, not in ${leftName}`),
    ];
}

/** One TypeScript file per sample: its params and result assigned to protocol.ts's types for its method. */
function sampleSource(sample: Sample, generatedFolder: string): string {
    const at = declared.get(sample.method);
    if (!at) {
        return `// ${sample.file}\nconst missing: 'protocol.ts declares no method or notification ${sample.method}' = undefined;\nexport {};\n`;
    }
    const rel = (p: string) => JSON.stringify(path.relative(generatedFolder, path.join(extensionRoot, p)).replace(/\\/g, '/'));
    const lines = [
        `// ${sample.file}`,
        `import * as P from ${rel('src/sidecar/protocol')};`,
        `import { Expect, ParamsOf, Problems, ResultOf } from ${rel('src/test/unit/contract/exactTypes')};`,
    ];
    if (sample.params !== null) {
        lines.push(`const params = ${JSON.stringify(sample.params, null, 2)} satisfies ParamsOf<typeof ${at.expression}>;`);
        lines.push(`export type ParamsProblems = Expect<Problems<ParamsOf<typeof ${at.expression}>, typeof params>>;`);
    }
    if (sample.hasResult) {
        lines.push(`const result = ${JSON.stringify(sample.result ?? null, null, 2)} satisfies ResultOf<typeof ${at.expression}>;`);
        lines.push(`export type ResultProblems = Expect<Problems<ResultOf<typeof ${at.expression}>, typeof result>>;`);
    }
    return lines.join('\n') + '\n';
}

describe('wire contract (tests/contract) on the extension side', function () {
    this.timeout(180_000);
    const errors = new Map<string, string[]>();

    before(() => {
        const generatedFolder = path.join(extensionRoot, 'out', 'contract-samples');
        fs.rmSync(generatedFolder, { recursive: true, force: true });
        fs.mkdirSync(generatedFolder, { recursive: true });
        const files = samples.map((s) => {
            const file = path.join(generatedFolder, s.file.replace(/\.json$/, '.ts'));
            fs.writeFileSync(file, sampleSource(s, generatedFolder));
            return file;
        });
        const program = ts.createProgram(files, {
            strict: true,
            noEmit: true,
            target: ts.ScriptTarget.ES2022,
            module: ts.ModuleKind.CommonJS,
            moduleResolution: ts.ModuleResolutionKind.Node10,
            skipLibCheck: true,
            types: [],
        });
        for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
            const file = diagnostic.file ? path.basename(diagnostic.file.fileName).replace(/\.ts$/, '.json') : '(program)';
            const line = diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1 : 0;
            errors.set(file, [...(errors.get(file) ?? []), `line ${line}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`]);
        }
    });

    it('compiles the generated checks without errors outside the samples', () => {
        const others = [...errors.entries()].filter(([file]) => !samples.some((s) => s.file === file));
        assert.deepStrictEqual(others, []);
    });

    for (const sample of samples) {
        it(`${sample.file} has exactly the types protocol.ts declares for ${sample.method}`, () => {
            const found = errors.get(sample.file) ?? [];
            assert.ok(found.length === 0, `${sample.file} does not fit protocol.ts (generated: out/contract-samples/${sample.file.replace(/\.json$/, '.ts')}):\n${found.join('\n')}`);
        });
    }

    it('declares the methods and notifications of docs/protocol.md §7, each with its kind, and has a sample of each', () => {
        const rows = docTable('### Every method and notification');
        const problems = differences('method', rows.map((r) => r[0].replace(/`/g, '')), 'docs/protocol.md §7', declared.keys(), 'protocol.ts');
        problems.push(...differences('method', declared.keys(), 'protocol.ts', samples.map((s) => s.method), 'tests/contract/samples'));
        for (const [name, kind] of rows.map((r) => [r[0].replace(/`/g, ''), r[1]])) {
            const at = declared.get(name);
            if (at && at.kind !== kind) {
                problems.push(`${name}: docs/protocol.md §7 says ${kind}, protocol.ts declares a ${at.kind} (${at.expression})`);
            }
        }
        assert.deepStrictEqual(problems, []);
    });

    it('lists the finding codes and repair actions of docs/protocol.md', () => {
        const problems = [
            ...differences('finding code', firstColumn('### Finding codes'), 'docs/protocol.md §3', Object.values(protocol.FindingCodes), 'protocol.ts FindingCodes'),
            ...differences('action', firstColumn('### Suggestion actions'), 'docs/protocol.md §3', Object.values(protocol.RepairActions), 'protocol.ts RepairActions'),
            ...differences('action', firstColumn('### Actions (`action`)'), 'docs/protocol.md §6', Object.values(protocol.RepairActions), 'protocol.ts RepairActions'),
        ];
        assert.deepStrictEqual(problems, []);
    });
});
