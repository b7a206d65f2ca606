import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateWorkspace } from '../../../bench/generate-workspace';
import { checkJson } from '../../../server/src/cli/format/check-json';
import { checkDirectory, type CheckDirectoryOptions } from '../../../server/src/workspace/check';
import { IndexCache } from '../../../server/src/workspace/index-cache/cache';
import { copyDemo, copyFixture, removeDir } from '../../helpers/fixtures';

// The persistent index and the scan workers only change where facts come from: `check` must print
// exactly what a fresh, single-threaded run that parses every file prints, also after the workspace
// changed under the index (edits, deletions, renames, a branch switch, a plan change).

/** The reference: no index, no workers, no pre-filter. */
async function reference(dir: string) {
  return checkJson(await checkDirectory(dir, { parseEverything: true }));
}

async function fast(dir: string, options: CheckDirectoryOptions) {
  const check = await checkDirectory(dir, options);
  return { json: checkJson(check), index: check.index!, timings: check.timings };
}

async function assertSame(dir: string, options: CheckDirectoryOptions) {
  const run = await fast(dir, options);
  assert.deepEqual(run.json, await reference(dir));
  return run;
}

function write(dir: string, rel: string, text: string) {
  fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  fs.writeFileSync(path.join(dir, rel), text);
}

/** Sets a file's time back, so that only its content tells it changed. */
function age(dir: string, rel: string, secondsAgo: number) {
  const t = new Date(Date.now() - secondsAgo * 1000);
  fs.utimesSync(path.join(dir, rel), t, t);
}

function ageAll(dir: string, secondsAgo: number) {
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else age(dir, path.relative(dir, p), secondsAgo);
    }
  };
  walk(dir);
}

describe('fast paths = the reference run (persistent index, scan workers)', () => {
  let cacheDir: string;
  const dirs: string[] = [];
  beforeEach(() => {
    cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'al-cache-'));
  });
  afterEach(() => {
    removeDir(cacheDir);
    while (dirs.length) removeDir(dirs.pop()!);
  });
  const copy = (name: string) => {
    const dir = name === 'demo' ? copyDemo() : copyFixture(name);
    dirs.push(dir);
    // Files older than the index: their time alone says whether they changed.
    ageAll(dir, 60);
    return dir;
  };

  for (const fixture of ['scan/shop', 'wrappers/monorepo', 'wrappers/hook', 'wrappers/gating', 'demo']) {
    it(`${fixture}: cold, then warm from the index, then with workers`, async () => {
      const dir = copy(fixture);
      const cold = await assertSame(dir, { cacheDir, jobs: 0 });
      assert.equal(cold.index.fromIndex, 0);
      const written = fs.readFileSync(IndexCache.fileFor(cacheDir, dir), 'utf8');
      // Written in pieces, it is still the compact JSON of the whole.
      assert.equal(written, JSON.stringify(JSON.parse(written)));
      const warm = await assertSame(dir, { cacheDir, jobs: 0 });
      assert.equal(warm.index.fromIndex, warm.index.files);
      assert.equal(warm.timings.mainExtracted, 0, 'nothing parsed again');
      const workers = await assertSame(dir, { jobs: 2, mainThreadScans: false });
      assert.ok(workers.index.scanned >= workers.index.files, JSON.stringify(workers.index));
      assert.equal(workers.timings.mainReads, 0, JSON.stringify(workers.timings));
      // The CLI's default: the main thread scans beside the worker.
      const shared = await assertSame(dir, { jobs: 1 });
      assert.ok(
        shared.index.scanned + shared.index.local >= shared.index.files,
        JSON.stringify(shared.index),
      );
    });
  }

  it('follows edits, deletions, renames and new files under the index', async () => {
    const dir = copy('scan/shop');
    await assertSame(dir, { cacheDir, jobs: 0 });
    const files = fs.readdirSync(path.join(dir, 'src'), { recursive: true }).map(String);
    const events = 'src/lib/events.ts';
    assert.ok(files.some((f) => path.join('src', f) === path.normalize(events)));
    // An edit that keeps the size: only the content (hash) tells.
    const text = fs.readFileSync(path.join(dir, events), 'utf8');
    const edited = text.replace('Checkout Viewed', 'Checkout Opened');
    assert.notEqual(edited, text);
    write(dir, events, edited);
    await assertSame(dir, { cacheDir, jobs: 0 });
    // A new file that calls an SDK, a deleted one and a renamed one.
    write(
      dir,
      'src/promo/Promo.tsx',
      `import posthog from 'posthog-js';\nposthog.isFeatureEnabled('promo');\n`,
    );
    const reports = 'src/reports/Reports.tsx';
    const moved = fs.readFileSync(path.join(dir, reports), 'utf8');
    fs.rmSync(path.join(dir, reports));
    write(dir, 'src/reports/ReportsPage.tsx', moved);
    const run = await assertSame(dir, { cacheDir, jobs: 0 });
    assert.ok(run.index.fromIndex > 0);
    const keys = (run.json.features as { key: string }[]).map((f) => f.key);
    assert.ok(keys.includes('promo'));
  });

  it('notices a same-size edit made right after the index was written, even with the same time', async () => {
    const dir = copy('scan/shop');
    const rel = 'src/lib/events.ts';
    // Written just now: too close to the index's save time for its time to be trusted later.
    // (A whole second, so that setting it again gives the very same time; ahead of the clock, as a
    // file written during the run would be, whatever the machine's speed.)
    const now = new Date(Math.ceil(Date.now() / 1000) * 1000 + 1000);
    fs.utimesSync(path.join(dir, rel), now, now);
    const stat = fs.statSync(path.join(dir, rel));
    await assertSame(dir, { cacheDir, jobs: 0 });
    // Changed again within the same clock tick: same size, same time, other content.
    const text = fs.readFileSync(path.join(dir, rel), 'utf8');
    write(dir, rel, text.replace('Checkout Viewed', 'Checkout Opened'));
    fs.utimesSync(path.join(dir, rel), now, now);
    assert.equal(fs.statSync(path.join(dir, rel)).mtimeMs, stat.mtimeMs);
    const run = await assertSame(dir, { cacheDir, jobs: 0 });
    assert.ok(JSON.stringify(run.json).includes('Checkout Opened'));
  });

  it('takes a plan change into account (call shapes and features)', async () => {
    const dir = copy('demo');
    await assertSame(dir, { cacheDir, jobs: 0 });
    const planFile = path.join(dir, 'activation-lens.yaml');
    const plan = fs.readFileSync(planFile, 'utf8');
    // A feature renamed: the facts stay valid, the features change.
    fs.writeFileSync(planFile, plan.replace(/\bai-search\b/g, 'ai-lookup'));
    const renamed = await assertSame(dir, { cacheDir, jobs: 0 });
    assert.equal(renamed.index.fromIndex, renamed.index.files);
    // New call shapes: what a file holds may change, so nothing is taken from the index.
    fs.writeFileSync(
      planFile,
      plan.replace('    - callee: trackEvent\n', '    - callee: logActivity\n    - callee: trackEvent\n'),
    );
    const reshaped = await assertSame(dir, { cacheDir, jobs: 0 });
    assert.equal(reshaped.index.fromIndex, 0);
  });

  it('ignores an unreadable index and rewrites it', async () => {
    const dir = copy('scan/shop');
    await assertSame(dir, { cacheDir, jobs: 0 });
    const file = IndexCache.fileFor(cacheDir, dir);
    fs.writeFileSync(file, '{"format": 1, "scopes": {"x": ');
    const run = await assertSame(dir, { cacheDir, jobs: 0 });
    assert.equal(run.index.indexIgnored, 'unreadable');
    assert.equal((await fast(dir, { cacheDir, jobs: 0 })).index.fromIndex, run.index.files);
  });

  describe('on a generated workspace, through a branch switch', () => {
    it('gives the reference results with the index and the workers, before and after', async function () {
      this.timeout(120_000);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'al-branch-'));
      dirs.push(dir);
      generateWorkspace(dir, {
        files: 500,
        candidateShare: 0.1,
        constantsShare: 0.02,
        seed: 11,
        wrappers: true,
      });
      ageAll(dir, 60);
      const cold = await assertSame(dir, { cacheDir, jobs: 2 });
      assert.ok(cold.index.scanned + cold.index.local >= 500, JSON.stringify(cold.index));
      // The other branch: another generation over the same tree (most files rewritten, some the same,
      // some gone), checked out in one go.
      const other = fs.mkdtempSync(path.join(os.tmpdir(), 'al-branch-b-'));
      dirs.push(other);
      generateWorkspace(other, {
        files: 450,
        candidateShare: 0.15,
        constantsShare: 0.02,
        seed: 12,
        wrappers: true,
      });
      fs.rmSync(path.join(dir, 'src'), { recursive: true });
      fs.cpSync(path.join(other, 'src'), path.join(dir, 'src'), { recursive: true });
      const switched = await assertSame(dir, { cacheDir, jobs: 2 });
      assert.ok(switched.index.fromIndex > 0, 'unchanged files are taken from the index');
      assert.ok(switched.index.scanned > 0, 'changed files are scanned again');
      const warm = await assertSame(dir, { cacheDir, jobs: 2 });
      assert.equal(warm.index.fromIndex, warm.index.files);
    });
  });
});
