import { strict as assert } from 'node:assert';
import { CrashLimiter } from '../../../client/src/restartPolicy';

describe('language server restart limits', () => {
  it('allows a few restarts within the window, then gives up', () => {
    let now = 0;
    const limiter = new CrashLimiter(3, 60_000, () => now);
    assert.deepEqual(
      [1, 2, 3, 4].map(() => {
        now += 1000;
        return limiter.crashed();
      }),
      [true, true, true, false],
    );
    assert.equal(limiter.recent, 4);
  });

  it('forgets crashes older than the window', () => {
    let now = 0;
    const limiter = new CrashLimiter(2, 60_000, () => now);
    assert.ok(limiter.crashed());
    assert.ok(limiter.crashed());
    now = 61_000;
    assert.equal(limiter.recent, 0);
    assert.ok(limiter.crashed());
  });

  it('starts counting again after a restart asked for by the user', () => {
    const limiter = new CrashLimiter(1, 60_000, () => 0);
    assert.ok(limiter.crashed());
    assert.equal(limiter.crashed(), false);
    limiter.reset();
    assert.ok(limiter.crashed());
  });
});
