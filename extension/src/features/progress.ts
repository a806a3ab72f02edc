// Long sidecar work (recreate, repairs) as VS Code progress: the sidecar's $/progress drives the notification, and
// the notification's Cancel button cancels the request ($/cancelRequest).
import { randomUUID } from 'crypto';
import * as vscode from 'vscode';
import type { CancellationToken } from 'vscode-jsonrpc';
import { notificationText } from '../common/displayText';
import * as api from '../common/vscodeApi';
import { SidecarRequester } from './services';

export function withSidecarProgress<R>(
    sidecar: SidecarRequester,
    title: string,
    task: (workDoneToken: string, token: CancellationToken) => Promise<R>,
): Thenable<R> {
    // A progress notification: its title and the sidecar's messages name workspace paths, so both are shown escaped.
    return api.withProgress({ location: vscode.ProgressLocation.Notification, title: notificationText(title), cancellable: true }, async (progress, token) => {
        const workDoneToken = `venvDoctor-${randomUUID()}`;
        let reported = 0;
        const subscription = sidecar.onProgress(workDoneToken, (value) => {
            const increment = typeof value.percentage === 'number' ? Math.max(0, value.percentage - reported) : undefined;
            if (typeof value.percentage === 'number') {
                reported = Math.max(reported, value.percentage);
            }
            progress.report({ message: value.message === undefined ? undefined : notificationText(value.message), increment });
        });
        try {
            return await task(workDoneToken, token);
        } finally {
            subscription.dispose();
        }
    });
}
