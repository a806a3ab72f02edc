// The peer: a minimal vscode-jsonrpc server over stdio answering the same methods the benchmark calls.
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

const rpc = createRequire(import.meta.url)('vscode-jsonrpc/node');
const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(process.stdin), new rpc.StreamMessageWriter(process.stdout));
let shutdown = false;
conn.onRequest('initialize', () => ({ capabilities: {}, serverInfo: { name: 'peer', version: '1.0.0' } }));
conn.onNotification('initialized', () => {});
// venv/list as the sidecar answers it for a workspace without environments: the roots' folders walked (no
// environment is entered or diagnosed, as there is none) and the same document: the installed base Pythons are the
// list run.mjs got from the sidecar (PEER_INTERPRETERS), so both servers put the same bytes on the wire.
const interpreters = process.env.PEER_INTERPRETERS ? JSON.parse(await fs.readFile(process.env.PEER_INTERPRETERS, 'utf8')) : [];
conn.onRequest('venv/list', async (params) => {
  const walk = async (dir) => {
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) await walk(path.join(dir, entry.name));
    }
  };
  for (const root of params?.roots ?? []) await walk(root);
  return { environments: [], settings: [], interpreters, skipped: [] };
});
conn.onRequest('shutdown', () => { shutdown = true; return null; });
conn.onNotification('exit', () => process.exit(shutdown ? 0 : 1));
conn.listen();
