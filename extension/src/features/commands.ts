// The command ids (package.json contributes.commands uses the same) and the table extension.ts registers.
export const CommandIds = {
    scanWorkspace: 'venvDoctor.scanWorkspace',
    selectInterpreter: 'venvDoctor.selectInterpreter',
    repairEnvironment: 'venvDoctor.repairEnvironment',
    recreateEnvironment: 'venvDoctor.recreateEnvironment',
    undoLastRepair: 'venvDoctor.undoLastRepair',
    showReport: 'venvDoctor.showReport',
    copyReport: 'venvDoctor.copyReportMarkdown',
    showLog: 'venvDoctor.showLog',
    restartSidecar: 'venvDoctor.restartSidecar',
    showDependents: 'venvDoctor.showDependents',
    /** The stale-setting quick fix (arguments: the settings file, the interpreter to point at); not in the palette. */
    repointSetting: 'venvDoctor.repointSetting',
} as const;
