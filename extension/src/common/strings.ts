// Every user-facing text, in one place: the end-to-end tests look for these exact words.
import type { RestartDecision } from '../sidecar/restartPolicy';
import { platform } from './platform';

export const Strings = {
    outputChannel: 'Venv Doctor',
    statusItemName: 'Venv Doctor',
    sidecarNotRunning: 'The Venv Doctor sidecar is not running.',
    requestTimedOut: (method: string, ms: number) =>
        `The Venv Doctor sidecar did not answer ${method} within ${formatSeconds(ms)}.`,
    sidecarSpawnFailed: (command: string, reason: string) => `Could not start the Venv Doctor sidecar (${command}): ${reason}`,
    sidecarRestarting: (what: string, decision: RestartDecision) =>
        `The Venv Doctor sidecar stopped unexpectedly (${what}). Restarting it in ${formatSeconds(decision.delayMs)} ` +
        `(attempt ${decision.attempt} of ${decision.maxAttempts}).`,
    sidecarGaveUp: (crashes: number, windowMs: number, what: string) =>
        `The Venv Doctor sidecar stopped unexpectedly ${crashes} times in ${Math.round(windowMs / 60_000)} minutes ` +
        `(last: ${what}) and will not be restarted. See the "Venv Doctor" output for its log, then run ` +
        `"Venv Doctor: Restart Sidecar".`,

    // Buttons
    showLog: 'Show Log',
    restartSidecar: 'Restart Sidecar',
    repairInPlace: 'Repair in place',
    useAsInterpreter: 'Use as interpreter',
    details: 'Details',
    relinkTo: (version: string) => `Relink to Python ${version}`,
    relink: 'Relink to another Python',
    recreate: 'Recreate',
    chooseAnother: 'Choose another',
    repoint: 'Re-point',
    makeIndependent: 'Make independent',
    regenerateConfig: 'Regenerate config',
    fixHome: 'Fix home',
    reinstallEditable: 'Reinstall editable',
    applyRepair: 'Apply repair',
    showChanges: 'Show Changes',
    cancel: 'Cancel',
    undo: 'Undo',

    // Notifications
    movedNotification: (name: string, from: string, to: string) =>
        `The virtual environment \`${name}\` moved from \`${from}\` to \`${to}\`.`,
    selectedBrokenNotification: (name: string, reason: string) =>
        `The selected interpreter \`${name}\` is broken: ${reason}`,
    selectedWarningNotification: (name: string, reason: string) =>
        `The selected interpreter \`${name}\` has a problem: ${reason}`,
    notResolvedByPythonEnvironments: (interpreterPath: string) =>
        `The Python Environments extension does not recognise ${interpreterPath} as an environment.`,
    staleSettingNotification: (value: string, to: string) =>
        `The saved interpreter \`${value}\` no longer exists. The environment that was there is now at \`${to}\`.`,
    untrustedRepair: 'Venv Doctor does not repair environments in an untrusted workspace: repairs change files and ' +
        'may run Python. Discovery and diagnosis still work. Trust this workspace to repair.',
    nothingToRepair: 'No environment here needs a repair.',
    noUndo: 'There is no Venv Doctor repair to undo in this workspace.',
    repaired: (name: string, health: string) => `Repaired \`${name}\`: it is now ${health}.`,
    leftAsItWas: (files: string) => ` Left as it was: ${files}.`,
    repairNotApplied: (name: string) => `The repair of \`${name}\` was not applied.`,
    undone: (name: string) => `Undid the last repair of \`${name}\`.`,
    undoFailed: (name: string) => `Could not undo the last repair of \`${name}\`.`,
    repointFailed: (folder: string, reason: string) => `Venv Doctor could not change the interpreter of ${folder}: ${reason}`,
    repointed: (name: string, folder: string) => `Venv Doctor: ${folder} now uses ${name}.`,
    interpreterPathMissing: (p: string) => `No Python interpreter at ${p}.`,

    // A base removed with several environments built on it (features/fleet)
    baseRemovedNotification: (minor: string | undefined, prefix: string, names: string[]) =>
        `Python ${minor ?? ''}${minor ? ' ' : ''}at \`${prefix}\` was removed: ${names.length} environment${names.length === 1 ? '' : 's'} built on it ` +
        `${names.length === 1 ? 'is' : 'are'} broken: ${names.map((n) => `\`${n}\``).join(', ')}.`,
    relinkAllTo: (version: string) => `Relink all to Python ${version}`,
    recreateAll: 'Recreate\u2026',
    relinkAllProgress: (version: string) => `Venv Doctor: relinking to Python ${version}`,
    recreateAllProgress: (count: number) => `Venv Doctor: recreating ${count} environment${count === 1 ? '' : 's'}`,
    noBaseToRecreateWith: 'No other Python is installed to recreate the environments with.',
    fleetRepaired: (repaired: number, total: number, names: string[]) =>
        `Venv Doctor repaired ${repaired} of ${total} environment${total === 1 ? '' : 's'}${names.length ? `: ${names.join(', ')}` : ''}.`,
    fleetNotRepaired: (others: string[]) => `Not repaired: ${others.join('; ')}.`,
    dependentsNone: (base: string) => `No environment is built on ${base}.`,
    dependentsTitle: (base: string, count: number) => `${count} environment${count === 1 ? '' : 's'} built on ${base}`,
    pickBaseForDependents: 'Python whose environments to show',

    // Pickers
    pickerTitle: 'Venv Doctor: Select Interpreter',
    pickerPlaceholder: (folder: string) => `Interpreter for ${folder}`,
    groupThisFolder: 'This folder',
    groupWorkspace: 'Workspace',
    groupMachine: 'Machine',
    groupBase: 'Base interpreters',
    enterPath: '$(folder-opened) Enter interpreter path…',
    rescan: '$(refresh) Rescan',
    repairButton: 'Repair…',
    useAnyway: 'Use it anyway',
    pickEnvironmentToRepair: 'Environment to repair',
    pickRepair: 'Repair to apply',
    pickRecreateBase: 'Python to recreate the environment with',
    enterPathPrompt: 'Path to a Python interpreter (or an environment folder)',

    // Status bar
    statusScanning: '$(sync~spin) Venv Doctor: scanning…',
    statusNoInterpreter: '$(python) No interpreter',
    statusSidecarFailed: '$(error) Venv Doctor',

    // Repair preview and report
    repairBackupNote: 'A backup is kept: "Undo Last Repair" restores it.',
    changesTitle: (name: string) => `Venv Doctor: changes to ${name}`,
    reportCopied: 'Copied the Venv Doctor report as Markdown.',

    // Progress
    repairProgress: (title: string) => `Venv Doctor: ${title}`,
    scanning: 'Venv Doctor: scanning for Python environments',
};

export function formatSeconds(ms: number): string {
    const seconds = ms / 1000;
    return `${Number(seconds.toFixed(2))} s`;
}

/** How an environment is named to the user: its folder name (`.venv`), which is what people recognise. */
export function environmentName(envPath: string): string {
    return platform().path.basename(envPath) || envPath;
}

/** How an interpreter path is named: `.../.venv/bin/python` (`...\\.venv\\Scripts\\python.exe`) reads best as `.venv`; a base as `python3.12`. */
export function interpreterName(interpreterPath: string): string {
    const { path } = platform();
    const parent = path.basename(path.dirname(interpreterPath));
    const inEnvironment = parent === 'bin' || parent.toLowerCase() === 'scripts';
    return inEnvironment ? path.basename(path.dirname(path.dirname(interpreterPath))) : path.basename(interpreterPath);
}
