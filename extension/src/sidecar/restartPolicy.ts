// How often a crashed sidecar is restarted. A crash loop must end: after `maxRestarts` crashes inside `windowMs`
// we stop and say so, instead of restarting forever the way a blind auto-restart would.

export interface RestartPolicyOptions {
    /** Restarts allowed inside the window; the next crash inside it is final. */
    maxRestarts: number;
    /** Crashes older than this are forgotten. */
    windowMs: number;
    /** Delay before the first restart; each further one doubles it, up to `maxDelayMs`. */
    baseDelayMs: number;
    maxDelayMs: number;
}

export const defaultRestartPolicy: RestartPolicyOptions = {
    maxRestarts: 3,
    windowMs: 3 * 60_000,
    baseDelayMs: 500,
    maxDelayMs: 8_000,
};

export interface RestartDecision {
    /** 1-based attempt number inside the current window. */
    attempt: number;
    maxAttempts: number;
    delayMs: number;
}

export class RestartPolicy {
    private crashes: number[] = [];

    constructor(
        private readonly options: RestartPolicyOptions = defaultRestartPolicy,
        private readonly now: () => number = Date.now,
    ) {}

    /** Records a crash; returns when to restart, or undefined when the budget is spent. */
    onCrash(): RestartDecision | undefined {
        const time = this.now();
        this.crashes = this.crashes.filter((t) => time - t < this.options.windowMs);
        this.crashes.push(time);
        const attempt = this.crashes.length;
        if (attempt > this.options.maxRestarts) {
            return undefined;
        }
        const delayMs = Math.min(this.options.baseDelayMs * 2 ** (attempt - 1), this.options.maxDelayMs);
        return { attempt, maxAttempts: this.options.maxRestarts, delayMs };
    }

    /** A deliberate restart by the user starts a fresh budget. */
    reset(): void {
        this.crashes = [];
    }

    get crashCount(): number {
        return this.crashes.length;
    }

    get windowMs(): number {
        return this.options.windowMs;
    }
}
