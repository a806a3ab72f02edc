// What to tell when the interpreter a folder uses has something wrong, decided from the environment's findings'
// severity and the sidecar's suggestions alone, so a finding code or repair added to the sidecar later is announced
// without a change here. Pure: notifications.ts shows it and runs the chosen button.
import { Strings } from '../common/strings';
import { Environment, RepairActions, Suggestion } from '../sidecar/protocol';
import { bySeverity } from './statusBar';

export interface SelectedInterpreterNotice {
    /** The condition: another severity, environment or set of finding codes is a new condition. */
    key: string;
    severity: 'error' | 'warning';
    message: string;
    /** The top suggestion's repair (when there is one), then Choose another, then Details. */
    buttons: string[];
    /** The suggestion the first button applies. */
    repair?: Suggestion;
}

/** The words on a repair's button; an action this version does not know is shown by the sidecar's own title. */
export function repairButton(suggestion: Suggestion): string {
    switch (suggestion.action) {
        case RepairActions.relocate:
            return Strings.repairInPlace;
        case RepairActions.makeIndependent:
            return Strings.makeIndependent;
        case RepairActions.relinkBase:
            return suggestion.data?.version ? Strings.relinkTo(suggestion.data.version) : Strings.relink;
        case RepairActions.recreate:
            return Strings.recreate;
        case RepairActions.regenerateConfig:
            return Strings.regenerateConfig;
        case RepairActions.fixHome:
            return Strings.fixHome;
        case RepairActions.reinstallEditable:
            return Strings.reinstallEditable;
        default:
            return suggestion.title;
    }
}

/** undefined when the environment has no error or warning finding. */
export function selectedInterpreterNotice(environment: Environment, label: string): SelectedInterpreterNotice | undefined {
    const findings = bySeverity(environment.findings ?? []);
    const top = findings[0];
    if (!top || (top.severity !== 'error' && top.severity !== 'warning')) {
        return undefined;
    }
    const severity = top.severity;
    const codes = findings.filter((f) => f.severity === severity).map((f) => f.code).sort();
    const repair = environment.suggestions?.[0];
    return {
        key: `selected-${severity}:${environment.path}:${codes.join(',')}`,
        severity,
        message: severity === 'error' ? Strings.selectedBrokenNotification(label, top.message) : Strings.selectedWarningNotification(label, top.message),
        buttons: [...(repair ? [repairButton(repair)] : []), Strings.chooseAnother, Strings.details],
        repair,
    };
}
