// RPC benchmark: start-up (spawn -> initialize answer), idle memory after initialize, round-trip latency, and
// pipelined throughput of a request answered by the RPC layer alone (MethodNotFound) and of `venv/list`, for the
// sidecar as it ships (NativeAOT) and as a JIT build, against a minimal vscode-jsonrpc server in Node
// (peer-server.mjs) driven by the same client and load.
// Usage: npm run bench:rpc  [-- --quick] [-- --full-builder]   (publishes both builds with scripts/publish-sidecar.sh
// first; --full-builder adds `serve` on the generic host's full builder, benchmarks/host-builder, as a JIT row)
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const rpc = createRequire(import.meta.url)('vscode-jsonrpc/node');
const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const quick = process.argv.includes('--quick');
const fullBuilder = process.argv.includes('--full-builder');
const STARTS = quick ? 5 : 15;
const ROUND_TRIPS = quick ? 1000 : 5000;
const PIPELINED = quick ? 20_000 : 100_000;
const LISTS = quick ? 2_000 : 10_000;
const WINDOW = 1000;

const aotDir = join(root, 'artifacts/bench/aot');
const jitDir = join(root, 'artifacts/bench/jit');
const fullBuilderDir = join(root, 'artifacts/bench/full-builder');

function prepare() {
  if (process.env.BENCH_SKIP_BUILD) return;
  console.log('publishing venv-sidecar as it ships (NativeAOT) and as a JIT build (scripts/publish-sidecar.sh)...');
  for (const [dir, flavour] of [[aotDir, 'aot'], [jitDir, 'jit']]) {
    execFileSync(join(root, 'scripts/publish-sidecar.sh'), [dir, 'linux-x64', flavour], { stdio: 'inherit' });
  }
  if (fullBuilder) {
    execFileSync('dotnet', ['publish', join(root, 'benchmarks/host-builder'), '-c', 'Release', '-o', fullBuilderDir, '-nologo', '-v', 'q'], { stdio: 'inherit' });
  }
}

// venv/list's workspace: a small project with no environment in it, so every server answers the same empty list and
// the figure is the RPC layer plus one real walk, not the diagnosis (benchmarks/scan measures that).
const workspace = mkdtempSync(join(tmpdir(), 'venv-doctor-bench-rpc-'));
for (const d of ['src/app', 'src/lib', 'tests', 'docs']) mkdirSync(join(workspace, d), { recursive: true });
process.on('exit', () => rmSync(workspace, { recursive: true, force: true }));
// The sidecar's answer also lists the installed base Pythons (`interpreters`, about 1.5 KB here). The peer cannot
// find them (it would be a second implementation), so it is handed the list the shipped sidecar answered and sends
// it back: both put the same document on the wire, and only the sidecar looks at the disk for it on every call.
const peerInterpreters = join(workspace, '.peer-interpreters.json');

const servers = [
  { name: 'sidecar NativeAOT (ships)', cmd: join(aotDir, 'venv-sidecar'), args: ['serve', '--log-level', 'Warning'], env: {}, ships: true },
  { name: 'sidecar JIT', cmd: join(jitDir, 'venv-sidecar'), args: ['serve', '--log-level', 'Warning'], env: {} },
  ...(fullBuilder ? [{ name: 'sidecar JIT, full builder', cmd: join(fullBuilderDir, 'venv-sidecar-full-builder'), args: ['serve', '--log-level', 'Warning'], env: {} }] : []),
  { name: 'peer: node vscode-jsonrpc', cmd: process.execPath, args: [join(here, 'peer-server.mjs')], env: { PEER_INTERPRETERS: peerInterpreters }, peer: true },
];

function start(server) {
  const t0 = performance.now();
  const proc = spawn(server.cmd, server.args, { env: { ...process.env, ...server.env }, stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(proc.stdout), new rpc.StreamMessageWriter(proc.stdin));
  conn.listen();
  const exited = new Promise((r) => proc.on('exit', (code) => r(code)));
  return { proc, conn, exited, t0 };
}

async function initialize(s) {
  await s.conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: [] });
  const ms = performance.now() - s.t0;
  await s.conn.sendNotification('initialized', {});
  return ms;
}

async function stop(s) {
  await s.conn.sendRequest('shutdown');
  await s.conn.sendNotification('exit');
  const code = await s.exited;
  s.conn.dispose();
  return code;
}

function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(p / 100 * sorted.length))];
const median = (xs) => percentile([...xs].sort((a, b) => a - b), 50);

/**
 * The RPC layer alone: a request no server knows, answered MethodNotFound (-32601) by the framing and dispatch with
 * no handler behind it. (The shipped sidecar has no echo method: test-only methods are not in it.)
 */
async function floor(s) {
  try {
    await s.conn.sendRequest('$/bench/unknown', { text: 'ping' });
  } catch (e) {
    if (e?.code === -32601) return;
    throw e;
  }
  throw new Error('$/bench/unknown was answered: expected MethodNotFound');
}

/** Requests per second with WINDOW requests kept in flight, refilled as answers arrive. */
async function pipelined(s, total, send) {
  const t = performance.now();
  await new Promise((done, fail) => {
    let sent = 0, completed = 0, inflight = 0;
    const pump = () => {
      while (inflight < WINDOW && sent < total) {
        inflight++; sent++;
        send().then(() => {
          inflight--; completed++;
          if (completed === total) done(); else pump();
        }, fail);
      }
    };
    pump();
  });
  return total / ((performance.now() - t) / 1000);
}

async function measure(server) {
  const starts = [];
  for (let i = 0; i < STARTS; i++) {
    const s = start(server);
    starts.push(await initialize(s));
    await stop(s);
  }

  const s = start(server);
  await initialize(s);
  await new Promise((r) => setTimeout(r, 200)); // let start-up work settle before reading idle memory
  const idle = memory(s.proc.pid);

  for (let i = 0; i < 500; i++) await floor(s); // warm-up
  const rtt = [];
  for (let i = 0; i < ROUND_TRIPS; i++) {
    const t = performance.now();
    await floor(s);
    rtt.push(performance.now() - t);
  }
  rtt.sort((a, b) => a - b);

  const throughput = await pipelined(s, PIPELINED, () => floor(s));
  const listParams = { roots: [workspace] };
  const first = await s.conn.sendRequest('venv/list', listParams);
  if (!Array.isArray(first?.environments)) throw new Error(`${server.name}: venv/list answered ${JSON.stringify(first)}`);
  if (server.ships) writeFileSync(peerInterpreters, JSON.stringify(first.interpreters ?? []));
  const listThroughput = await pipelined(s, LISTS, () => s.conn.sendRequest('venv/list', listParams));
  const loaded = memory(s.proc.pid);
  const code = await stop(s);
  return {
    name: server.name, peer: !!server.peer, ships: !!server.ships,
    startMedian: median(starts), startMin: Math.min(...starts),
    p50: percentile(rtt, 50), p99: percentile(rtt, 99),
    throughput, listThroughput,
    idleRss: idle.rss, idleHwm: idle.hwm, peakHwm: loaded.hwm, exitCode: code,
  };
}

prepare();
console.log(`\nmachine: ${readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1] ?? '?'}; load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
console.log(`load: ${STARTS} starts; ${ROUND_TRIPS} sequential round trips; ${PIPELINED} pipelined unknown-method requests and ${LISTS} pipelined venv/list (window ${WINDOW}); same vscode-jsonrpc client for all\n`);
const results = [];
for (const server of servers) {
  if (!existsSync(server.cmd)) { console.log(`skipped ${server.name}: ${server.cmd} missing`); continue; }
  results.push(await measure(server));
}
const peer = results.find((r) => r.peer);
const f = (x, d = 1) => x.toFixed(d);
const ratio = (a, b) => (peer ? `${(a / b).toFixed(2)}x` : '-');
console.log('| server | start median (min) ms | idle RSS / HWM MiB | rtt p50 / p99 ms | unknown-method req/s | venv/list req/s | peak HWM MiB | exit |');
console.log('|---|---|---|---|---|---|---|---|');
for (const r of results) {
  console.log(`| ${r.name} | ${f(r.startMedian)} (${f(r.startMin)}) | ${f(r.idleRss)} / ${f(r.idleHwm)} | ${f(r.p50, 3)} / ${f(r.p99, 3)} | ${f(r.throughput, 0)} | ${f(r.listThroughput, 0)} | ${f(r.peakHwm)} | ${r.exitCode} |`);
}
if (peer) {
  console.log('\nratios against the peer (sidecar / peer; < 1 is better for time and memory, > 1 is better for throughput):');
  for (const r of results.filter((x) => !x.peer)) {
    console.log(`  ${r.name}: start ${ratio(r.startMedian, peer.startMedian)}, idle RSS ${ratio(r.idleRss, peer.idleRss)}, p50 ${ratio(r.p50, peer.p50)}, ` +
      `unknown-method ${ratio(r.throughput, peer.throughput)}, venv/list ${ratio(r.listThroughput, peer.listThroughput)}, peak HWM ${ratio(r.peakHwm, peer.peakHwm)}`);
  }
}
const shipped = results.find((r) => r.ships);
if (shipped && peer) {
  const ok = (b) => (b ? 'ok' : 'MISSED');
  const start = shipped.startMedian / peer.startMedian, rss = shipped.idleRss / peer.idleRss, list = shipped.listThroughput / peer.listThroughput;
  console.log(`\ntargets (NativeAOT vs the peer, same run): start <= 0.25x: ${ok(start <= 0.25)} (${f(start, 2)}x); ` +
    `idle RSS <= 0.5x: ${ok(rss <= 0.5)} (${f(rss, 2)}x); venv/list throughput >= 1.0x: ${ok(list >= 1)} (${f(list, 2)}x)`);
}
