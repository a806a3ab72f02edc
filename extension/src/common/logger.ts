// What the extension logs and where: one "Venv Doctor" output channel carrying our messages, the sidecar's stderr
// and its window/logMessage notifications, and (when venvDoctor.trace.server is on) the JSON-RPC trace.

export interface Logger {
    info(message: string): void;
    warn(message: string): void;
    error(message: string): void;
    /** A raw line from the sidecar (stderr, window/logMessage, protocol trace). */
    sidecar(line: string): void;
}

/** Collects log lines in memory (tests, and anything that runs before the output channel exists). */
export class MemoryLogger implements Logger {
    readonly lines: string[] = [];
    info(message: string): void {
        this.lines.push(`[info] ${message}`);
    }
    warn(message: string): void {
        this.lines.push(`[warn] ${message}`);
    }
    error(message: string): void {
        this.lines.push(`[error] ${message}`);
    }
    sidecar(line: string): void {
        this.lines.push(`[sidecar] ${line}`);
    }
}
