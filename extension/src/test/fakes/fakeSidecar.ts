// A tiny stand-in for `venv-sidecar serve`, speaking real JSON-RPC over stdio (vscode-jsonrpc), so the session's
// connection, timeout, cancel and restart logic runs against a real process. Behaviour is chosen by arguments:
//   --crash-first N --state-file F   exit(3) right after `initialized` in the first N runs (counted in F)
//   --die-at-start                   exit(2) before reading anything
//   --hang-initialize                never answer `initialize`
//   --ignore-shutdown                never answer `shutdown` (the client must kill us)
// `venv/list` answers with one environment and streams it as `venv/found`; `venv/diagnose` with path "/hang"
// never answers unless cancelled ($/cancelRequest), then fails with RequestCancelled (-32800).
import * as fs from 'fs';
import { CancellationToken, ProgressType, ResponseError } from 'vscode-jsonrpc';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string) => {
    const index = args.indexOf(name);
    return index >= 0 ? args[index + 1] : undefined;
};

if (flag('--die-at-start')) {
    process.stderr.write('fake sidecar: dying at start\n');
    process.exit(2);
}

let run = 1;
const stateFile = option('--state-file');
if (stateFile) {
    run = (fs.existsSync(stateFile) ? Number(fs.readFileSync(stateFile, 'utf8')) : 0) + 1;
    fs.writeFileSync(stateFile, String(run));
}
const crashFirst = Number(option('--crash-first') ?? '0');

// A cancel that arrives before its request is dispatched answers it at once (as LSP servers do).
const connection = createMessageConnection(new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout), undefined, {
    connectionStrategy: {
        cancelUndispatched: (message) => ({ jsonrpc: '2.0', id: (message as unknown as { id: number | string }).id, error: { code: -32800, message: 'cancelled' } }),
    },
});
process.stderr.write(`fake sidecar: run ${run} started\n`);

let initializeParams: unknown;
connection.onRequest('initialize', (params) => {
    initializeParams = params;
    if (flag('--hang-initialize')) {
        return new Promise(() => undefined);
    }
    return {
        capabilities: { experimental: { venvDoctor: { protocolVersion: 1, methods: ['venv/list', 'venv/diagnose', 'workspace/didChangeWorkspaceFolders'] } } },
        serverInfo: { name: 'fake-sidecar', version: '0' },
    };
});
connection.onNotification('initialized', () => {
    void connection.sendNotification('window/logMessage', { type: 3, message: `fake sidecar: run ${run} initialized; shell ${(initializeParams as { initializationOptions?: { shell?: string } })?.initializationOptions?.shell}` });
    if (run <= crashFirst) {
        process.stderr.write(`fake sidecar: crashing in run ${run}\n`);
        process.exit(3);
    }
});
connection.onRequest('shutdown', () => (flag('--ignore-shutdown') ? new Promise(() => undefined) : null));
connection.onNotification('exit', () => process.exit(0));

const environment = {
    path: '/work/proj/.venv',
    kind: 'venv',
    version: '3.12.1',
    interpreter: '/work/proj/.venv/bin/python',
    health: 'ok',
    findings: [],
    suggestions: [],
};
connection.onRequest('venv/list', async (params: { workDoneToken?: string }) => {
    if (params.workDoneToken) {
        await connection.sendProgress(new ProgressType<unknown>(), params.workDoneToken, { kind: 'begin', title: 'Scanning' });
    }
    await connection.sendNotification('venv/found', { environment });
    return { environments: [environment], settings: [], interpreters: [], skipped: [], initializeParams };
});
connection.onRequest('venv/diagnose', (params: { path: string }, token: CancellationToken) => {
    if (params.path !== '/hang') {
        return environment;
    }
    return new Promise((_, reject) => {
        token.onCancellationRequested(() => reject(new ResponseError(-32800, 'cancelled')));
    });
});
// What the client notified, for tests to ask back.
const received: { method: string; params: unknown }[] = [];
connection.onNotification('workspace/didChangeWorkspaceFolders', (params) => received.push({ method: 'workspace/didChangeWorkspaceFolders', params }));
connection.onRequest('fake/received', () => received);
connection.listen();
