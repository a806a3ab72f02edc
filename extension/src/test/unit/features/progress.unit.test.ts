import * as assert from 'assert';
import * as sinon from 'sinon';
import * as vscode from 'vscode';
import * as api from '../../../common/vscodeApi';
import { withSidecarProgress } from '../../../features/progress';
import { WorkDoneProgressValue } from '../../../sidecar/protocol';
import { fakeServices } from '../helpers';

describe('withSidecarProgress', () => {
    afterEach(() => sinon.restore());

    it("shows a cancellable notification driven by the sidecar's $/progress, and hands the token to the request", async () => {
        const services = fakeServices();
        let emit: (value: WorkDoneProgressValue) => void = () => undefined;
        const disposed = sinon.stub();
        services.sidecar.onProgress.callsFake((_token: string, handler: (value: WorkDoneProgressValue) => void) => {
            emit = handler;
            return { dispose: disposed };
        });
        const reports: { message?: string; increment?: number }[] = [];
        const cancelToken = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose: () => undefined }) };
        const withProgress = sinon.stub(api, 'withProgress').callsFake((_options, task) => task({ report: (r) => reports.push(r) }, cancelToken as unknown as vscode.CancellationToken));

        const result = await withSidecarProgress(services.sidecar, 'Venv Doctor: Recreate .venv', async (workDoneToken, token) => {
            assert.strictEqual(services.sidecar.onProgress.firstCall.args[0], workDoneToken);
            assert.strictEqual(token, cancelToken);
            emit({ kind: 'begin', title: 'Recreating', percentage: 0 });
            emit({ kind: 'report', message: 'Creating the environment', percentage: 30 });
            emit({ kind: 'report', message: 'Reinstalling 12 packages', percentage: 80 });
            emit({ kind: 'end', message: 'Done' });
            return 'ok';
        });

        assert.strictEqual(result, 'ok');
        assert.deepStrictEqual(withProgress.firstCall.args[0], { location: vscode.ProgressLocation.Notification, title: 'Venv Doctor: Recreate .venv', cancellable: true });
        assert.deepStrictEqual(reports, [
            { message: undefined, increment: 0 },
            { message: 'Creating the environment', increment: 30 },
            { message: 'Reinstalling 12 packages', increment: 50 },
            { message: 'Done', increment: undefined },
        ]);
        assert.ok(disposed.calledOnce, 'stops listening when the work ends');
    });
});
