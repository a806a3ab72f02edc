// Waiting on conditions with a deadline: the suite never sleeps a fixed time to "let things happen".
import { setTimeout as delay } from 'node:timers/promises';

/**
 * Polls `probe` until it returns a truthy value (which is returned) or `timeoutMs` passes (then throws with
 * `what` and the last error seen). The poll interval is small so waiting costs little beyond the condition.
 */
export async function waitFor(what, probe, { timeoutMs = 30000, intervalMs = 100 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${lastError.message}` : ''}`);
    }
    await delay(intervalMs);
  }
}
