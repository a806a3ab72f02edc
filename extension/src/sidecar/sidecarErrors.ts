// Errors the session raises, and the one timeout helper every sidecar wait goes through.
import { Strings } from '../common/strings';

export class SidecarUnavailableError extends Error {
    constructor(reason: string) {
        super(reason);
        this.name = 'SidecarUnavailableError';
    }
}

export class SidecarTimeoutError extends Error {
    constructor(readonly method: string, readonly timeoutMs: number) {
        super(Strings.requestTimedOut(method, timeoutMs));
        this.name = 'SidecarTimeoutError';
    }
}

/** Rejects with SidecarTimeoutError(method) when `promise` has not settled after `timeoutMs`; calls onTimeout first. */
export async function withTimeout<T>(promise: Promise<T>, method: string, timeoutMs: number, onTimeout?: () => void): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
            onTimeout?.();
            reject(new SidecarTimeoutError(method, timeoutMs));
        }, timeoutMs);
    });
    try {
        return await Promise.race([promise, timeout]);
    } finally {
        clearTimeout(timer);
    }
}

/** Resolves true when `promise` settles (either way) within `timeoutMs`, false otherwise. Never rejects. */
export function settlesWithin(promise: Promise<unknown>, timeoutMs: number): Promise<boolean> {
    return withTimeout(promise, '', timeoutMs).then(
        () => true,
        (error) => !(error instanceof SidecarTimeoutError),
    );
}

export function errorText(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
}
