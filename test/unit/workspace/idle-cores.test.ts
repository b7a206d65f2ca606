import { strict as assert } from 'node:assert';
import * as os from 'node:os';
import {
  freeBetween,
  IdleCores,
  type Sample,
  workersFor,
} from '../../../server/src/workspace/workers/idle-cores';

// The CLI picks its workers from how busy the cores are during the file listing: other processes'
// CPU time over that window (this process's own excluded), not the one-minute load average.

const cores = os.cpus().length;

/** Two samples `ms` apart, with `others` and `own` cores' worth of work in between. */
function window(ms: number, others: number, own: number): [Sample, Sample] {
  const from: Sample = { busy: 1_000_000, total: 5_000_000, own: 2_000, at: 0, cores };
  const busy = (others + own) * ms;
  return [
    from,
    { busy: from.busy + busy, total: from.total + cores * ms, own: from.own + own * ms, at: ms, cores },
  ];
}

describe('idle cores (the CLI default for --jobs)', () => {
  it('counts other processes only, not this one', () => {
    assert.equal(freeBetween(...window(100, 0, 1)), cores);
    assert.equal(freeBetween(...window(100, 0, 0)), cores);
    assert.equal(freeBetween(...window(100, 1, 1)), cores - 1);
    assert.equal(freeBetween(...window(100, cores, 0)), 0);
  });

  it('gives workers only where the free cores keep the main thread and a worker busy, none on two cores', () => {
    // A scanning thread keeps about 1.5 cores busy (V8's compiler and collector threads beside it).
    assert.equal(workersFor(2, true), 0);
    assert.equal(workersFor(2.9, true), 0);
    assert.equal(workersFor(3, true), 1);
    assert.equal(workersFor(4, true), 1);
    assert.equal(workersFor(4.5, true), 2);
    assert.equal(workersFor(8, true), 4);
    assert.equal(workersFor(0, true), 0);
    // Without the main thread scanning: a worker per 1.5 free cores.
    assert.equal(workersFor(2, false), 1);
    assert.equal(workersFor(3, false), 2);
    assert.equal(workersFor(0.5, false), 0);
  });

  it('measures this machine over a window long enough to count', async () => {
    const idle = new IdleCores();
    const free = await idle.free();
    assert.ok(free >= 0 && free <= cores, String(free));
  });
});
