// Finding the real things the integration tests use: a built sidecar, a Python with venv, what the sidecar serves.
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { locateSidecar } from '../../sidecar/sidecarLocator';
import { extensionRoot } from './hostlessVSCode';

/** $VENV_SIDECAR, else the bundled or dev-built sidecar next to the extension. */
export function findSidecar(): string | undefined {
    const located = locateSidecar({ override: process.env.VENV_SIDECAR, extensionPath: extensionRoot, platform: process.platform, exists: (f) => fs.existsSync(f) });
    return located.found ? located.candidate.path : undefined;
}

/**
 * Why a test that needs a sidecar serving `methods` (and a Python) cannot run here — no sidecar built, no Python —
 * or undefined when it can. Throws, failing the test, when the sidecar crashes or does not serve a method: a
 * broken product is a failure, never a skip.
 */
export function missingForFlow(methods: string[]): string | undefined {
    const sidecar = findSidecar();
    if (!sidecar) {
        return 'no venv-sidecar built (npm run build:server, or VENV_SIDECAR=...)';
    }
    if (!findPython()) {
        return 'no Python with the venv module here';
    }
    const serves = sidecarMethods(sidecar);
    const missing = methods.filter((m) => !serves.includes(m));
    if (missing.length > 0) {
        throw new Error(`${sidecar} does not serve ${missing.join(', ')}`);
    }
    return undefined;
}

/** The methods a sidecar lists in its initialize answer: one short `serve` (exit without shutdown ends it, code 1). Throws when it does not answer. */
export function sidecarMethods(sidecar: string): string[] {
    const frame = (message: object) => {
        const body = JSON.stringify({ jsonrpc: '2.0', ...message });
        return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    };
    const input = frame({ id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }) + frame({ method: 'exit' });
    const run = spawnSync(sidecar, ['serve'], { input, timeout: 30_000 });
    const out = run.stdout?.toString() ?? '';
    const match = /Content-Length: (\d+)\r\n\r\n/.exec(out);
    if (!match) {
        const why = run.error?.message ?? (run.signal ? `killed by ${run.signal}` : `exit ${run.status}`);
        throw new Error(`${sidecar} did not answer initialize (${why}): ${(run.stderr?.toString() ?? '').trim().split('\n').slice(-3).join(' | ')}`);
    }
    const body = Buffer.from(out.slice(match.index + match[0].length)).subarray(0, Number(match[1])).toString();
    return JSON.parse(body).result?.capabilities?.experimental?.venvDoctor?.methods ?? [];
}

/** A Python 3 with the venv module: pyenv builds first, then the system's. */
export function findPython(): string | undefined {
    const pyenv = path.join(os.homedir(), '.pyenv', 'versions');
    const candidates = fs.existsSync(pyenv)
        ? fs.readdirSync(pyenv).filter((v) => v.startsWith('3.')).map((v) => path.join(pyenv, v, 'bin', 'python3'))
        : [];
    candidates.push('/usr/bin/python3');
    return candidates.find((p) => {
        try {
            execFileSync(p, ['-c', 'import venv'], { stdio: 'ignore', timeout: 10_000 });
            return true;
        } catch {
            return false;
        }
    });
}

export function escape(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Waits for a condition that an event will make true (no fixed sleeps), up to a deadline. */
export async function waitUntil(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
        if (Date.now() > deadline) {
            throw new Error('condition not met in time');
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
    }
}
