// What an environment's suggestions offer, told apart: repairs, and make-relocatable, which the sidecar offers a
// healthy venv as prevention (never a repair: "Repair…" and the repair picker leave it out). Pure: the view's model,
// the picker and the commands share it.
import { Environment, RepairActions } from '../sidecar/protocol';

/** The environment has a repair to offer: it is not healthy, or a suggestion other than make-relocatable. */
export function hasRepair(environment: Environment): boolean {
    const suggestions = environment.suggestions ?? [];
    return suggestions.length > 0 && (environment.health !== 'ok' || suggestions.some((s) => s.action !== RepairActions.makeRelocatable));
}

/** The sidecar offers make-relocatable for it (a healthy venv a move would break, or scripts pip added later). */
export function offersMakeRelocatable(environment: Environment): boolean {
    return (environment.suggestions ?? []).some((s) => s.action === RepairActions.makeRelocatable);
}
