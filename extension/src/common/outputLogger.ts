// The Logger on VS Code's "Venv Doctor" log output channel.
import type * as vscode from 'vscode';
import { Logger } from './logger';

export class OutputLogger implements Logger {
    constructor(readonly channel: vscode.LogOutputChannel) {}
    info(message: string): void {
        this.channel.info(message);
    }
    warn(message: string): void {
        this.channel.warn(message);
    }
    error(message: string): void {
        this.channel.error(message);
    }
    /** The sidecar's own lines keep their format (they carry their own level and category). */
    sidecar(line: string): void {
        this.channel.appendLine(`[sidecar] ${line}`);
    }
}
