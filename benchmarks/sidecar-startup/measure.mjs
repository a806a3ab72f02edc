// Spawn-to-initialize time of the sidecar: start `<exe> serve`, send `initialize`, stop the clock at its response,
// then end the process politely (shutdown + exit). Repeated runs; prints each figure and the median.
//
//   node benchmarks/sidecar-startup/measure.mjs <label>=<exe> [<label>=<exe> ...] [--runs N]
//
// An <exe> ending in .mjs is a Node server started as `node <exe>` (the peer: benchmarks/rpc/peer-server.mjs).
// With several executables the runs are interleaved (A, B, A, B, ...) so machine noise hits all alike; with a target
// labelled `peer`, every other median is also printed as a ratio of the peer's. The last line is JSON:
// {"<label>": {"medianMs": n, "minMs": n, "runs": [..]}, ...} for scripts to read.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

const args = process.argv.slice(2);
let runs = 7;
const targets = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--runs') runs = Number(args[++i]);
  else {
    const eq = args[i].indexOf('=');
    if (eq < 1) throw new Error(`expected <label>=<exe>, got ${args[i]}`);
    targets.push({ label: args[i].slice(0, eq), exe: args[i].slice(eq + 1) });
  }
}
if (targets.length === 0) {
  console.error('usage: measure.mjs <label>=<exe> [...] [--runs N]');
  process.exit(2);
}

function frame(message) {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
}

/** Reads LSP frames from a stream; calls onMessage for each parsed JSON body. */
function frameReader(onMessage) {
  let buffer = Buffer.alloc(0);
  return (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const headerEnd = buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const match = /Content-Length:\s*(\d+)/i.exec(buffer.subarray(0, headerEnd).toString('ascii'));
      if (!match) throw new Error(`frame without Content-Length: ${buffer.subarray(0, headerEnd)}`);
      const length = Number(match[1]);
      if (buffer.length < headerEnd + 4 + length) return;
      onMessage(JSON.parse(buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8')));
      buffer = buffer.subarray(headerEnd + 4 + length);
    }
  };
}

function measureOnce(exe, timeoutMs = 20000) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const [cmd, args] = exe.endsWith('.mjs') ? [process.execPath, [exe]] : [exe, ['serve']];
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    let elapsed;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no initialize response within ${timeoutMs} ms; stderr: ${stderr.slice(-2000)}`));
    }, timeoutMs);
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (elapsed !== undefined) resolve(elapsed);
      else reject(new Error(`sidecar exited (${code ?? signal}) before answering initialize; stderr: ${stderr.slice(-2000)}`));
    });
    child.stdout.on('data', frameReader((message) => {
      if (message.id !== 1 || elapsed !== undefined) return;
      elapsed = performance.now() - started;
      if (message.error) {
        child.kill('SIGKILL');
        return;
      }
      child.stdin.write(frame({ jsonrpc: '2.0', method: 'initialized', params: {} }));
      child.stdin.write(frame({ jsonrpc: '2.0', id: 2, method: 'shutdown' }));
      child.stdin.write(frame({ jsonrpc: '2.0', method: 'exit' }));
      child.stdin.end();
      // A sidecar that ignores exit must not hang the benchmark.
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    }));
    child.stdin.write(frame({
      jsonrpc: '2.0', id: 1, method: 'initialize',
      params: { processId: process.pid, rootUri: null, workspaceFolders: [], capabilities: {},
                initializationOptions: { watch: false } },
    }));
  });
}

const results = Object.fromEntries(targets.map((t) => [t.label, []]));
// One unmeasured warm-up each so the first run does not pay for a cold page cache alone.
for (const t of targets) await measureOnce(t.exe);
for (let i = 0; i < runs; i++) {
  for (const t of targets) results[t.label].push(await measureOnce(t.exe));
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const summary = {};
for (const t of targets) {
  const xs = results[t.label];
  summary[t.label] = { medianMs: +median(xs).toFixed(1), minMs: +Math.min(...xs).toFixed(1), runs: xs.map((x) => +x.toFixed(1)) };
  console.log(`${t.label.padEnd(10)} spawn-to-initialize median ${summary[t.label].medianMs} ms, min ${summary[t.label].minMs} ms over ${runs} runs (${t.exe})`);
}
const peer = summary.peer;
if (peer) {
  for (const t of targets.filter((x) => x.label !== 'peer')) {
    console.log(`ratio ${t.label}/peer: ${(summary[t.label].medianMs / peer.medianMs).toFixed(2)}`);
  }
} else if (targets.length === 2) {
  const [a, b] = targets.map((t) => summary[t.label].medianMs);
  console.log(`ratio ${targets[0].label}/${targets[1].label}: ${(a / b).toFixed(2)}`);
}
console.log(JSON.stringify(summary));
