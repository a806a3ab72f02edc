// The real vscode-jsonrpc client against the real venv-sidecar process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startSidecar, initialize, within, rpc } from './sidecar.mjs';


test('initialize answers serverInfo and capabilities; shutdown then exit ends with code 0', { timeout: 30_000 }, async (t) => {
  const { conn, exited } = startSidecar(t);
  const result = await within(10_000, initialize(conn), 'initialize');
  assert.equal(result.serverInfo.name, 'venv-sidecar');
  assert.match(result.serverInfo.version, /^\d+\.\d+\.\d+/);
  assert.ok(result.capabilities.experimental.venvDoctor.methods.includes('shutdown'));
  assert.equal(await conn.sendRequest('shutdown'), null);
  await conn.sendNotification('exit');
  assert.equal(await within(10_000, exited, 'exit'), 0);
});

test('exit without shutdown ends with code 1', { timeout: 30_000 }, async (t) => {
  const { conn, exited } = startSidecar(t);
  await within(10_000, initialize(conn), 'initialize');
  await conn.sendNotification('exit');
  assert.equal(await within(10_000, exited, 'exit'), 1);
});

test('a request before initialize is refused with -32002', { timeout: 30_000 }, async (t) => {
  const { conn, proc } = startSidecar(t);
  await assert.rejects(within(10_000, conn.sendRequest('venv/list', {})), (e) => e.code === -32002);
});

test('a cancelled request is answered RequestCancelled (-32800)', { timeout: 30_000 }, async (t) => {
  const { conn, proc } = startSidecar(t);
  await within(10_000, initialize(conn), 'initialize');
  const source = new rpc.CancellationTokenSource();
  const slow = conn.sendRequest('$/test/sleep', { ms: 60_000 }, source.token);
  source.cancel();
  await assert.rejects(within(10_000, slow, 'cancelled request'), (e) => e.code === -32800 /* LSP RequestCancelled */);
});

test('an unknown method is answered MethodNotFound (-32601)', { timeout: 30_000 }, async (t) => {
  const { conn, proc } = startSidecar(t);
  await within(10_000, initialize(conn), 'initialize');
  await assert.rejects(within(10_000, conn.sendRequest('no/such/method', {})), (e) => e.code === rpc.ErrorCodes.MethodNotFound);
});

test('a malformed frame is reported and the next valid request is served', { timeout: 30_000 }, async (t) => {
  const { conn, proc, logs } = startSidecar(t);
  await within(10_000, initialize(conn), 'initialize');
  await new Promise((done) => proc.stdin.write('Content-Length: twelve\r\n\r\n{"broken":', done));
  await new Promise((done) => proc.stdin.write('Content-Length: 9\r\n\r\n{not json', done));
  const echoed = await within(10_000, conn.sendRequest('$/test/echo', { text: 'after the garbage' }), 'echo');
  assert.deepEqual(echoed, { text: 'after the garbage' });
  // The client saw both errors (id null): its logger reports responses without an id.
  const reported = logs.filter(([, m]) => /without id/i.test(m) || /-32700/.test(m));
  assert.ok(reported.length >= 1, `expected the id-less errors in the client log, got ${JSON.stringify(logs)}`);
});

test('server-to-client requests and window/logMessage reach the client', { timeout: 30_000 }, async (t) => {
  const { conn, proc } = startSidecar(t);
  conn.onRequest('workspace/configuration', (params) => params.items.map((i) => ({ section: i.section, answered: true })));
  const messages = [];
  conn.onNotification('window/logMessage', (p) => messages.push(p));
  await within(10_000, initialize(conn, { trace: 'messages' }), 'initialize');
  const answer = await within(10_000, conn.sendRequest('$/test/askClient', { method: 'workspace/configuration', params: { items: [{ section: 'python' }] } }));
  assert.deepEqual(answer, [{ section: 'python', answered: true }]);
  await conn.sendRequest('$/test/log', { level: 'Information', message: 'hello from the sidecar' });
  await within(10_000, (async () => { while (!messages.some((m) => m.message.includes('hello from the sidecar'))) await new Promise((r) => setImmediate(r)); })(), 'logMessage');
  assert.equal(messages.find((m) => m.message.includes('hello from the sidecar')).type, 3);
});

test('the shipped executable answers $/test/echo MethodNotFound, whatever the environment says', { timeout: 30_000 }, async (t) => {
  const { conn } = startSidecar(t, { testMethods: false, env: { VENV_SIDECAR_TEST_METHODS: '1' } });
  const result = await within(10_000, initialize(conn), 'initialize');
  assert.ok(!result.capabilities.experimental.venvDoctor.methods.some((m) => m.startsWith('$/test/')));
  await assert.rejects(within(10_000, conn.sendRequest('$/test/echo', { a: 1 })), (e) => e.code === rpc.ErrorCodes.MethodNotFound);
});
