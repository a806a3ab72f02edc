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
    /** Prevention: pick an environment offered make-relocatable (or the one passed) and rewrite it to survive a move. */
    makeRelocatable: 'venvDoctor.makeRelocatable',
    /** The environments built on an installed Python (the view's context menu on a base, or a picker). */
    showDependents: 'venvDoctor.showDependents',
    /** The stale-setting quick fix (arguments: the settings file, the interpreter to point at); not in the palette. */
    repointSetting: 'venvDoctor.repointSetting',
} as const;
