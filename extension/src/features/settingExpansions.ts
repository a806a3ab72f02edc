// The sidecar's expansions of interpreter-setting values (venv/expandSetting): `${workspaceFolder}`, `${userHome}`,
// `${env:…}`, `~` and relative paths are expanded by one expander, the sidecar's (Core Settings/SettingVariables),
// for the values it reads from settings files and for the merged value VS Code hands this extension alike. The
// status bar resolves synchronously, so answers are kept here: the first read of a value asks the sidecar and
// answers undefined; when the answer comes, `onAnswered` redraws. A failed request is not kept (asked again later).
// Nothing is asked while the sidecar is not running: a setting's value never starts it (what starts when is
// activation's decision); the status redraws when the session's state changes, and asks then.
import type { Logger } from '../common/logger';
import { Methods } from '../sidecar/protocol';
import { errorText } from '../sidecar/sidecarErrors';
import type { SidecarRequester } from './services';

export class SettingExpansions {
    private readonly answers = new Map<string, string>();
    private readonly asking = new Set<string>();

    constructor(
        private readonly sidecar: Pick<SidecarRequester, 'request'>,
        private readonly logger: Logger,
        private readonly onAnswered: () => void,
        private readonly running: () => boolean,
    ) {}

    /** The absolute path `value` names for `folder`, once the sidecar has said; undefined until then. */
    get(value: string, folder: string): string | undefined {
        const key = `${folder}\0${value}`;
        const known = this.answers.get(key);
        if (known !== undefined || this.asking.has(key) || !this.running()) {
            return known;
        }
        this.asking.add(key);
        this.sidecar.request(Methods.expandSetting, { value, folder }).then(
            (result) => {
                this.asking.delete(key);
                this.answers.set(key, result.expanded);
                this.onAnswered();
            },
            (error) => {
                this.asking.delete(key);
                this.logger.warn(`Expanding the interpreter setting "${value}" for ${folder} failed: ${errorText(error)}`);
            },
        );
        return undefined;
    }
}
