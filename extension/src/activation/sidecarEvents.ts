// The sidecar's events and notifications, each turned into a change of the store, the view or the status. Separate
// from the workspace's events because these arrive over the protocol (docs/protocol.md) and follow its names.
import type { Disposable } from '../common/emitter';
import { Strings } from '../common/strings';
import * as api from '../common/vscodeApi';
import { forgetMachineScan } from '../features/scan';
import { Notifications } from '../sidecar/protocol';
import { SessionProblem, errorText } from '../sidecar/sidecarSession';
import type { ExtensionParts } from './extensionParts';
import type { ScanReactions } from './scanReactions';

export function subscribeToSidecar(parts: ExtensionParts, scans: ScanReactions): Disposable[] {
    const { sidecar, status } = parts;
    return [
        sidecar.onDidChangeState(() => status.refresh()),
        sidecar.onDidStart(() => {
            forgetMachineScan(); // a new sidecar process has a new inventory of base interpreters
            void scans.rescan();
        }),
        sidecar.onDidReportProblem((problem) => offerProblemActions(parts, problem)),
        ...subscribeToEnvironmentNotifications(parts, scans),
    ];
}

/** A warning the user may answer by opening the log; a final failure also offers a restart. */
async function offerProblemActions({ sidecar, channel, logger }: ExtensionParts, problem: SessionProblem): Promise<void> {
    const show = problem.final ? api.showErrorMessage : api.showWarningMessage;
    const choice = await show(problem.message, Strings.showLog, ...(problem.final ? [Strings.restartSidecar] : []));
    if (choice === Strings.showLog) {
        channel.show();
    } else if (choice === Strings.restartSidecar) {
        await sidecar.restart().catch((error) => logger.error(errorText(error)));
    }
}

function subscribeToEnvironmentNotifications({ sidecar, store, environmentsView, notifier, baseRemoved, logger }: ExtensionParts, scans: ScanReactions): Disposable[] {
    return [
        sidecar.onNotification(Notifications.found, (p) => store.upsert(p.environment)),
        sidecar.onNotification(Notifications.added, (p) => store.upsert(p.environment)),
        sidecar.onNotification(Notifications.changed, (p) => {
            const before = store.get(p.environment.path);
            store.upsert(p.environment);
            baseRemoved.onChanged(before, p.environment);
            scans.checkFolderInterpreters();
        }),
        sidecar.onNotification(Notifications.removed, (p) => store.remove(p.path)),
        sidecar.onNotification(Notifications.moved, (p) => {
            environmentsView.onMoved(p); // before the store moves it, so the tree keeps its open folds at the new path
            store.move(p);
            void notifier.onMoved(p);
        }),
        sidecar.onNotification(Notifications.watchDegraded, (p) =>
            logger.warn(`Watching ${p.root} is degraded (${p.reason}); changes there are noticed on the next scan.`),
        ),
        sidecar.onNotification(Notifications.watchRecovered, (p) => logger.info(`Watching ${p.root} live again.`)),
    ];
}
