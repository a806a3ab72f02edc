import * as assert from 'assert';
import { RestartPolicy } from '../../../sidecar/restartPolicy';

describe('RestartPolicy', () => {
    const options = { maxRestarts: 3, windowMs: 60_000, baseDelayMs: 500, maxDelayMs: 1_500 };

    it('doubles the delay per crash, capped at the maximum', () => {
        const policy = new RestartPolicy(options, () => 0);
        assert.deepStrictEqual(
            [policy.onCrash(), policy.onCrash(), policy.onCrash()].map((d) => d?.delayMs),
            [500, 1_000, 1_500],
        );
    });

    it('numbers attempts and gives up after maxRestarts crashes inside the window', () => {
        const policy = new RestartPolicy(options, () => 0);
        assert.deepStrictEqual(policy.onCrash(), { attempt: 1, maxAttempts: 3, delayMs: 500 });
        policy.onCrash();
        policy.onCrash();
        assert.strictEqual(policy.onCrash(), undefined);
        assert.strictEqual(policy.crashCount, 4);
    });

    it('forgets crashes older than the window', () => {
        let now = 0;
        const policy = new RestartPolicy(options, () => now);
        policy.onCrash();
        policy.onCrash();
        policy.onCrash();
        now = 60_001;
        assert.deepStrictEqual(policy.onCrash(), { attempt: 1, maxAttempts: 3, delayMs: 500 });
    });

    it('starts a fresh budget after reset()', () => {
        const policy = new RestartPolicy(options, () => 0);
        for (let i = 0; i < 4; i++) {
            policy.onCrash();
        }
        policy.reset();
        assert.strictEqual(policy.onCrash()?.attempt, 1);
    });
});
