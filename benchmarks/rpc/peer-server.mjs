// The peer: a minimal vscode-jsonrpc server over stdio answering the same methods the benchmark calls.
import { createRequire } from 'node:module';

const rpc = createRequire(import.meta.url)('vscode-jsonrpc/node');
const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(process.stdin), new rpc.StreamMessageWriter(process.stdout));
let shutdown = false;
conn.onRequest('initialize', () => ({ capabilities: {}, serverInfo: { name: 'peer', version: '1.0.0' } }));
conn.onNotification('initialized', () => {});
conn.onRequest('$/test/echo', (params) => params);
conn.onRequest('shutdown', () => { shutdown = true; return null; });
conn.onNotification('exit', () => process.exit(shutdown ? 0 : 1));
conn.listen();
