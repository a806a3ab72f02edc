// What the extension currently knows: the environments the sidecar found (workspace and machine), the interpreter
// settings it checked, the base interpreters, and whether a scan is running. Sidecar notifications update it; the
// status bar, picker, diagnostics and report read it and redraw on onDidChange.
import { Emitter, Event } from '../common/emitter';
import { BaseInterpreter, Environment, InterpreterSetting, ScanResult, MovedNotification, SkippedPath } from '../sidecar/protocol';
import { platform } from '../common/platform';

export class EnvironmentStore {
    private readonly byPath = new Map<string, Environment>();
    private settingsValue: InterpreterSetting[] = [];
    private interpretersValue: BaseInterpreter[] = [];
    private skippedValue: SkippedPath[] = [];
    private scanningCount = 0;
    private readonly changed = new Emitter<void>();

    readonly onDidChange: Event<void> = this.changed.event;

    get environments(): Environment[] {
        return [...this.byPath.values()];
    }

    get settings(): InterpreterSetting[] {
        return this.settingsValue;
    }

    get interpreters(): BaseInterpreter[] {
        return this.interpretersValue;
    }

    get skipped(): SkippedPath[] {
        return this.skippedValue;
    }

    get scanning(): boolean {
        return this.scanningCount > 0;
    }

    get(envPath: string): Environment | undefined {
        return this.byPath.get(envPath);
    }

    /** Scans may overlap (workspace and machine); the busy state lasts until the last one ends. */
    beginScan(): void {
        this.scanningCount++;
        this.changed.fire();
    }

    endScan(): void {
        this.scanningCount = Math.max(0, this.scanningCount - 1);
        this.changed.fire();
    }

    /**
     * A finished workspace scan is the truth for the workspace: environments under `roots` that it did not report
     * are gone. Environments elsewhere (machine scope) are kept.
     */
    applyScan(result: ScanResult, roots: string[]): void {
        const reported = new Set(result.environments.map((e) => e.path));
        for (const envPath of [...this.byPath.keys()]) {
            if (!reported.has(envPath) && roots.some((root) => isInside(envPath, root))) {
                this.byPath.delete(envPath);
            }
        }
        for (const environment of result.environments) {
            this.byPath.set(environment.path, environment);
        }
        this.settingsValue = result.settings ?? this.settingsValue;
        this.interpretersValue = mergeInterpreters(this.interpretersValue, result.interpreters ?? []);
        this.skippedValue = result.skipped ?? [];
        this.changed.fire();
    }

    /** Adds machine-scope results without removing anything. */
    addMachineScan(result: ScanResult): void {
        for (const environment of result.environments) {
            if (!this.byPath.has(environment.path)) {
                this.byPath.set(environment.path, environment);
            }
        }
        this.interpretersValue = mergeInterpreters(this.interpretersValue, result.interpreters ?? []);
        this.changed.fire();
    }

    upsert(environment: Environment): void {
        this.byPath.set(environment.path, environment);
        this.changed.fire();
    }

    remove(envPath: string): void {
        if (this.byPath.delete(envPath)) {
            this.changed.fire();
        }
    }

    move(notification: MovedNotification): void {
        this.byPath.delete(notification.from);
        this.byPath.set(notification.diagnosis.path, notification.diagnosis);
        this.changed.fire();
    }

    setSettings(settings: InterpreterSetting[]): void {
        this.settingsValue = settings;
        this.changed.fire();
    }

    dispose(): void {
        this.changed.dispose();
    }
}

/** True when `child` is `parent` or inside it (absolute paths; compared as this OS compares names: common/platform.ts). */
export function isInside(child: string, parent: string): boolean {
    return platform().isInside(child, parent);
}

function mergeInterpreters(known: BaseInterpreter[], found: BaseInterpreter[]): BaseInterpreter[] {
    const byExecutable = new Map(known.map((i) => [i.executable, i]));
    for (const interpreter of found) {
        byExecutable.set(interpreter.executable, interpreter);
    }
    return [...byExecutable.values()];
}
