// A minimal event emitter with VS Code's Event shape, so logic modules do not need the `vscode` module.

export interface Disposable {
    dispose(): void;
}

export type Event<T> = (listener: (value: T) => void) => Disposable;

export class Emitter<T> implements Disposable {
    private listeners = new Set<(value: T) => void>();

    readonly event: Event<T> = (listener) => {
        this.listeners.add(listener);
        return { dispose: () => this.listeners.delete(listener) };
    };

    fire(value: T): void {
        for (const listener of [...this.listeners]) {
            listener(value);
        }
    }

    dispose(): void {
        this.listeners.clear();
    }
}

/** Resolves with the first event value that satisfies `predicate`, or rejects after `timeoutMs`. */
export function waitForEvent<T>(event: Event<T>, predicate: (value: T) => boolean, timeoutMs: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
            subscription.dispose();
            reject(new Error(`Timed out after ${timeoutMs} ms waiting for an event`));
        }, timeoutMs);
        const subscription = event((value) => {
            if (predicate(value)) {
                clearTimeout(timer);
                subscription.dispose();
                resolve(value);
            }
        });
    });
}
