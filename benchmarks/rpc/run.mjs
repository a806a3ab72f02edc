// RPC benchmark: start-up (spawn -> initialize answer), round-trip latency, pipelined throughput and peak memory of
// venv-sidecar, against a minimal vscode-jsonrpc echo server in Node driven by the same client and load.
// Usage: npm run bench:rpc  [-- --quick]   (builds/publishes what it needs first)
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const rpc = createRequire(import.meta.url)('vscode-jsonrpc/node');
const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const quick = process.argv.includes('--quick');
const STARTS = quick ? 5 : 15;
const ROUND_TRIPS = quick ? 1000 : 5000;
const PIPELINED = quick ? 20_000 : 100_000;
const WINDOW = 1000;

const jitDir = join(root, 'server/VenvDoctor.Sidecar/bin/Release/net10.0');
const r2rDir = join(root, 'artifacts/bench/r2r');

function prepare() {
  if (process.env.BENCH_SKIP_BUILD) return;
  console.log('building venv-sidecar (Release, JIT) and publishing a ReadyToRun copy (linux-x64)...');
  execFileSync('dotnet', ['build', join(root, 'server/VenvDoctor.Sidecar'), '-c', 'Release', '-nologo', '-v', 'q'], { stdio: 'inherit' });
  // Precompiled images left by another kind of publish (the VSIX's composite one) would be reused and crash: drop them.
  for (const project of readdirSync(join(root, 'server'))) rmSync(join(root, 'server', project, 'obj/Release/net10.0/linux-x64/R2R'), { recursive: true, force: true });
  execFileSync('dotnet', ['publish', join(root, 'server/VenvDoctor.Sidecar'), '-c', 'Release', '-r', 'linux-x64', '--self-contained', 'false',
    '-p:PublishReadyToRun=true', '-o', r2rDir, '-nologo', '-v', 'q'], { stdio: 'inherit' });
}

const servers = [
  { name: 'sidecar R2R, empty builder', cmd: join(r2rDir, 'venv-sidecar'), args: ['serve', '--log-level', 'Warning'], env: {} },
  { name: 'sidecar R2R, full builder', cmd: join(r2rDir, 'venv-sidecar'), args: ['serve', '--log-level', 'Warning'], env: { VENV_SIDECAR_HOST_BUILDER: 'full' } },
  { name: 'sidecar JIT, empty builder', cmd: join(jitDir, 'venv-sidecar'), args: ['serve', '--log-level', 'Warning'], env: {} },
  { name: 'sidecar JIT, full builder', cmd: join(jitDir, 'venv-sidecar'), args: ['serve', '--log-level', 'Warning'], env: { VENV_SIDECAR_HOST_BUILDER: 'full' } },
  { name: 'peer: node vscode-jsonrpc', cmd: process.execPath, args: [join(here, 'peer-server.mjs')], env: {}, peer: true },
];

function start(server) {
  const t0 = performance.now();
  const proc = spawn(server.cmd, server.args, { env: { ...process.env, VENV_SIDECAR_TEST_METHODS: '1', ...server.env }, stdio: ['pipe', 'pipe', 'inherit'] });
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

  const payload = { text: 'ping' };
  for (let i = 0; i < 500; i++) await s.conn.sendRequest('$/test/echo', payload); // warm-up
  const rtt = [];
  for (let i = 0; i < ROUND_TRIPS; i++) {
    const t = performance.now();
    await s.conn.sendRequest('$/test/echo', payload);
    rtt.push(performance.now() - t);
  }
  rtt.sort((a, b) => a - b);

  // Pipelined: keep WINDOW requests in flight, refilling as answers arrive (no per-answer scans of the window).
  const t = performance.now();
  await new Promise((done, fail) => {
    let sent = 0, completed = 0, inflight = 0;
    const pump = () => {
      while (inflight < WINDOW && sent < PIPELINED) {
        inflight++; sent++;
        s.conn.sendRequest('$/test/echo', payload).then(() => {
          inflight--; completed++;
          if (completed === PIPELINED) done(); else pump();
        }, fail);
      }
    };
    pump();
  });
  const seconds = (performance.now() - t) / 1000;
  const loaded = memory(s.proc.pid);
  const code = await stop(s);
  return {
    name: server.name, peer: !!server.peer,
    startMedian: median(starts), startMin: Math.min(...starts),
    p50: percentile(rtt, 50), p99: percentile(rtt, 99),
    throughput: PIPELINED / seconds,
    idleRss: idle.rss, idleHwm: idle.hwm, peakHwm: loaded.hwm, exitCode: code,
  };
}

prepare();
console.log(`\nmachine: ${readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1] ?? '?'}; load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
console.log(`load: ${STARTS} starts; ${ROUND_TRIPS} sequential round trips; ${PIPELINED} pipelined requests (window ${WINDOW}); same vscode-jsonrpc client for all\n`);
const results = [];
for (const server of servers) {
  if (!existsSync(server.cmd)) { console.log(`skipped ${server.name}: ${server.cmd} missing`); continue; }
  results.push(await measure(server));
}
const peer = results.find((r) => r.peer);
const f = (x, d = 1) => x.toFixed(d);
const ratio = (a, b) => (peer ? `${(a / b).toFixed(2)}x` : '-');
console.log('| server | start median (min) ms | rtt p50 / p99 ms | throughput req/s | idle RSS / HWM MiB | peak HWM MiB | exit |');
console.log('|---|---|---|---|---|---|---|');
for (const r of results) {
  console.log(`| ${r.name} | ${f(r.startMedian)} (${f(r.startMin)}) | ${f(r.p50, 3)} / ${f(r.p99, 3)} | ${f(r.throughput, 0)} | ${f(r.idleRss)} / ${f(r.idleHwm)} | ${f(r.peakHwm)} | ${r.exitCode} |`);
}
if (peer) {
  console.log('\nratios against the peer (sidecar / peer; < 1 is better for time and memory, > 1 is better for throughput):');
  for (const r of results.filter((x) => !x.peer)) {
    console.log(`  ${r.name}: start ${ratio(r.startMedian, peer.startMedian)}, p50 ${ratio(r.p50, peer.p50)}, p99 ${ratio(r.p99, peer.p99)}, throughput ${ratio(r.throughput, peer.throughput)}, peak HWM ${ratio(r.peakHwm, peer.peakHwm)}`);
  }
}
const best = results.find((r) => r.name.startsWith('sidecar R2R, empty'));
if (best) {
  const ok = (b) => (b ? 'ok' : 'MISSED');
  console.log(`\ntargets (R2R, empty builder): start <= 300 ms: ${ok(best.startMedian <= 300)} (${f(best.startMedian)}); ` +
    `throughput >= 20000 req/s: ${ok(best.throughput >= 20000)} (${f(best.throughput, 0)}); idle HWM <= 64 MiB: ${ok(best.idleHwm <= 64)} (${f(best.idleHwm)})`);
}
