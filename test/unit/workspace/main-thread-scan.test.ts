import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateWorkspace } from '../../../bench/generate-workspace';
import { checkJson } from '../../../server/src/cli/format/check-json';
import { checkDirectory, type CheckDirectoryOptions } from '../../../server/src/workspace/check';
import { workersFor } from '../../../server/src/workspace/workers/idle-cores';
import { defaultWorkers } from '../../../server/src/workspace/workers/pool';
import { removeDir } from '../../helpers/fixtures';

// The CLI's main thread scans batches beside the workers (between event-loop turns, so that their
// replies are still taken). Whoever scanned a file, and wherever the scan stopped (cancelled, out of
// its time budget), `check` must print what a fresh single-threaded run that parses every file prints.

describe('main thread scanning beside the workers (CLI)', function () {
  this.timeout(180_000);
  let dir: string;
  let expected: unknown;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'al-main-scan-'));
    generateWorkspace(dir, {
      files: 600,
      candidateShare: 0.1,
      constantsShare: 0.02,
      seed: 21,
      wrappers: true,
    });
    expected = checkJson(await checkDirectory(dir, { parseEverything: true }));
  });
  after(() => removeDir(dir));

  async function check(options: CheckDirectoryOptions) {
    const run = await checkDirectory(dir, options);
    assert.deepEqual(checkJson(run), expected);
    return run.index!;
  }

  /** Cancels the scan once this many files are done. */
  function cancelAfter(files: number): CheckDirectoryOptions['scan'] {
    const token = { cancelled: false };
    return { token, onProgress: (done) => (token.cancelled ||= done >= files) };
  }

  it('shares the scan between the main thread and a worker, scans every file, and gives the reference', async () => {
    const index = await check({ jobs: 1 });
    assert.equal(index.stopped, undefined);
    assert.ok(index.local > 0, `the main thread scanned: ${JSON.stringify(index)}`);
    assert.ok(index.scanned > 0, `the worker scanned: ${JSON.stringify(index)}`);
    assert.equal(index.left, 0, 'every file scanned before the check');
  });

  it('with workers only (as in the language server), the main thread scans nothing', async () => {
    const index = await check({ jobs: 2, mainThreadScans: false });
    assert.equal(index.local, 0);
    assert.equal(index.left, 0);
  });

  it('by default, picks its workers from the idle cores measured over the listing, and gives the reference', async () => {
    const run = await checkDirectory(dir);
    assert.deepEqual(checkJson(run), expected);
    const free = run.freeCores;
    assert.ok(free !== undefined, 'measured');
    const files = run.index!.files;
    assert.equal(run.index!.workers, Math.min(defaultWorkers(files, true), workersFor(free, true)));
  });

  it('cancelled midway: the check extracts what is left and gives the reference', async () => {
    const index = await check({ jobs: 1, scan: cancelAfter(50) });
    assert.equal(index.stopped, 'cancelled');
    assert.ok(index.left > 0, JSON.stringify(index));
  });

  it('out of its time budget: the check extracts what is left and gives the reference', async () => {
    const index = await check({ jobs: 1, scan: { budgetMs: 0 } });
    assert.equal(index.stopped, 'budget');
    assert.equal(index.left, index.files);
  });
});
