// Process facts from /proc (Linux): who descends from whom, what a process runs and what it has loaded.
import fs from 'node:fs';

function parentOf(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 4 is the parent; the command name (field 2) may contain spaces, so parse after its closing ')'.
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** Every live process whose ancestry reaches `root` (not `root` itself). */
export function descendantsOf(root) {
  const children = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const parent = parentOf(Number(entry));
    if (parent === undefined) continue;
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent).push(Number(entry));
  }
  const found = [];
  const queue = [root];
  while (queue.length) {
    for (const child of children.get(queue.shift()) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

export function isAlive(pid) {
  try {
    process.kill(pid, 0);
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** The executable a process runs (resolved /proc/PID/exe), or undefined when it is gone. */
export function executableOf(pid) {
  try { return fs.readlinkSync(`/proc/${pid}/exe`); } catch { return undefined; }
}

export function commandLineOf(pid) {
  try { return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean); } catch { return []; }
}

export function environmentOf(pid) {
  try {
    return Object.fromEntries(fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean)
      .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
  } catch {
    return {};
  }
}

/** Files a process has mapped (shared libraries included): shows which .NET runtime it really loaded. */
export function mappedFilesOf(pid) {
  try {
    const files = new Set();
    for (const line of fs.readFileSync(`/proc/${pid}/maps`, 'utf8').split('\n')) {
      const at = line.indexOf('/');
      if (at >= 0) files.add(line.slice(at));
    }
    return [...files];
  } catch {
    return [];
  }
}
