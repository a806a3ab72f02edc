// Workspace trust. Discovery and diagnosis only read files, so they run everywhere. Repairs change files and some
// run the base Python (recreate, reinstalling editables), so an untrusted workspace gets an explanation instead.
import { Strings } from '../common/strings';
import * as api from '../common/vscodeApi';

/** True when repairs may run; otherwise tells the user why not and returns false. */
export function ensureTrustedForRepair(): boolean {
    if (api.isWorkspaceTrusted()) {
        return true;
    }
    void api.showWarningMessage(Strings.untrustedRepair);
    return false;
}
