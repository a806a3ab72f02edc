import * as assert from 'assert';
import * as sinon from 'sinon';
import { MemoryLogger } from '../../../common/logger';
import { SettingExpansions } from '../../../features/settingExpansions';
import { Methods } from '../../../sidecar/protocol';

describe('setting values are expanded by the sidecar (venv/expandSetting), never here', () => {
    const value = '${workspaceFolder}/.venv/bin/python';

    it('asks once, answers undefined until the sidecar has said, then keeps its answer and redraws', async () => {
        const request = sinon.stub().withArgs(Methods.expandSetting).resolves({ value, folder: '/work/proj', expanded: '/work/proj/.venv/bin/python' });
        let answered!: () => void;
        const redrawn = new Promise<void>((resolve) => (answered = resolve));
        const expansions = new SettingExpansions({ request } as never, new MemoryLogger(), () => answered(), () => true);

        assert.strictEqual(expansions.get(value, '/work/proj'), undefined);
        assert.strictEqual(expansions.get(value, '/work/proj'), undefined); // still asking: not asked twice
        await redrawn;
        assert.strictEqual(expansions.get(value, '/work/proj'), '/work/proj/.venv/bin/python');
        assert.ok(request.calledOnce);
        assert.deepStrictEqual(request.firstCall.args.slice(0, 2), [Methods.expandSetting, { value, folder: '/work/proj' }]);
    });

    it('asks nothing while the sidecar is not running (a setting never starts it)', () => {
        const request = sinon.stub();
        const expansions = new SettingExpansions({ request } as never, new MemoryLogger(), () => undefined, () => false);
        assert.strictEqual(expansions.get(value, '/work/proj'), undefined);
        assert.ok(request.notCalled);
    });

    it('a failed request is logged in one line and asked again later', async () => {
        const request = sinon.stub();
        request.onFirstCall().rejects(new Error('sidecar stopped'));
        request.onSecondCall().resolves({ value, folder: '/w', expanded: '/w/.venv/bin/python' });
        const logger = new MemoryLogger();
        const expansions = new SettingExpansions({ request } as never, logger, () => undefined, () => true);
        assert.strictEqual(expansions.get(value, '/w'), undefined);
        await new Promise((resolve) => setImmediate(resolve));
        assert.match(logger.lines.join('\n'), /Expanding the interpreter setting .* failed: sidecar stopped/);
        assert.strictEqual(expansions.get(value, '/w'), undefined);
        assert.ok(request.calledTwice);
    });
});
