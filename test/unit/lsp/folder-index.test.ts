import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateWorkspace } from '../../../bench/generate-workspace';
import { type CheckResult, checkWorkspace } from '../../../server/src/core/check';
import { extractFile } from '../../../server/src/core/extract';
import { FolderIndex, type FolderIndexOptions } from '../../../server/src/lsp/folder-index';
import type { Steps } from '../../../server/src/core/steps';
import { runInSlices } from '../../../server/src/lsp/slices';
import { pathToUri } from '../../../server/src/lsp/uris';
import { listSourceFiles } from '../../../server/src/workspace/files';
import { DiskHost } from '../../../server/src/workspace/host';
import { findPlans } from '../../../server/src/workspace/plans';
import { OpenDocuments } from '../../helpers/documents';
import { copyDemo, copyFixture, removeDir } from '../../helpers/fixtures';

// The language server's index keeps facts across edits, takes them from the persistent index and
// from scan workers: after every change its check must equal a fresh single-threaded run that parses
// every file of the workspace as it is now (disk, with the open editors' texts over it).

function reference(root: string, docs: OpenDocuments): CheckResult {
  const listing = listSourceFiles(root);
  const disk = new DiskHost(root, new Set(listing.files));
  const open = docs.texts();
  const plans = findPlans(root, listing.files).map((p) => {
    const text = open.get(p.file);
    if (text === undefined) return p;
    const { readError: _ignored, ...rest } = p;
    return { ...rest, text };
  });
  return checkWorkspace({
    files: listing.files,
    host: {
      readFile: (rel) => open.get(rel) ?? disk.readFile(rel),
      fileExists: (rel) => disk.fileExists(rel),
    },
    plans,
    extract: extractFile,
    parseEverything: true,
  });
}

function same(index: FolderIndex, root: string, docs: OpenDocuments): CheckResult {
  const expected = JSON.parse(JSON.stringify(reference(root, docs))) as unknown;
  // The keystroke path, when it answers, and the full check must both give the reference.
  const quick = index.quickCheck();
  if (quick) assert.deepEqual(JSON.parse(JSON.stringify(quick)), expected, 'keystroke path');
  const result = index.check();
  assert.deepEqual(JSON.parse(JSON.stringify(result)), expected);
  return result;
}

/** Edits that move positions only, and some that do not: the keystroke path answers the former. */
function typeInside(index: FolderIndex, root: string, docs: OpenDocuments, rel: string): void {
  const before = index.quickChecks.moved;
  const edits: [RegExp, string][] = [
    [/\n(\s*)return/, '\n$1const unused = 1;\n$1return'], // a new local statement
    [/\n/, '\n\n'], // a blank line near the top
    [/(const \w)/, '$1q'], // a local renamed
    [/\(\)/, '( )'], // spacing inside a line
  ];
  for (const [pattern, replacement] of edits) {
    const text = docs.get(docs.uri(rel))!.getText();
    const next = text.replace(pattern, replacement);
    if (next === text) continue;
    index.documentChanged(docs.set(rel, next));
    same(index, root, docs);
  }
  assert.ok(index.quickChecks.moved > before, `keystroke path used: ${JSON.stringify(index.quickChecks)}`);
}

async function build(index: FolderIndex) {
  assert.equal(await index.build(() => undefined, { cancelled: false }), true);
  return index.lastPrepare!;
}

function open(root: string, options: FolderIndexOptions = {}) {
  const docs = new OpenDocuments(root);
  const index = new FolderIndex(root, pathToUri(root), docs, options);
  return { docs, index };
}

const changed = (fsPath: string) => ({ fsPath, kind: 'changed' as const });
const created = (fsPath: string) => ({ fsPath, kind: 'created' as const });
const deleted = (fsPath: string) => ({ fsPath, kind: 'deleted' as const });

describe('language server index = the reference run, through edits', () => {
  const dirs: string[] = [];
  const tmp = (prefix: string) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    while (dirs.length) removeDir(dirs.pop()!);
  });

  it('follows unsaved edits, a syntax error, saves, deletions, renames and a plan change', async () => {
    const root = copyDemo();
    dirs.push(root);
    const { docs, index } = open(root, { jobs: 0 });
    await build(index);
    same(index, root, docs);

    const rel = 'src/search/AiSearch.tsx';
    const text = fs.readFileSync(path.join(root, rel), 'utf8');
    index.documentOpened(docs.uri(rel), docs.set(rel, text), 1, text);
    same(index, root, docs);
    typeInside(index, root, docs, rel);
    // Typing: a new tracking call, then a half-typed line, then the line finished.
    const at = text.lastIndexOf('}');
    index.documentChanged(docs.edit(rel, at, at, "  posthog.capture('ai_search_shared');\n"));
    same(index, root, docs);
    index.documentChanged(docs.edit(rel, at, at, 'posthog.capture(('));
    const broken = same(index, root, docs);
    assert.ok(broken.parseErrors.some((e) => e.file === rel));
    index.documentChanged(docs.edit(rel, at, at + 'posthog.capture(('.length, ''));
    same(index, root, docs);
    // Saved and closed: the disk text applies.
    fs.writeFileSync(path.join(root, rel), docs.get(docs.uri(rel))!.getText());
    index.documentChanged(docs.close(rel));
    same(index, root, docs);

    // A file deleted, another renamed, one created.
    const events = fs.readdirSync(path.join(root, 'src'), { recursive: true }).map(String);
    assert.ok(events.length > 3);
    const victim = path.join(root, 'src/search/SearchSuggestions.tsx');
    fs.rmSync(victim);
    index.filesChanged([deleted(victim)]);
    same(index, root, docs);
    const from = path.join(root, 'src/onboarding/OnboardingTour.tsx');
    const to = path.join(root, 'src/onboarding/Tour.tsx');
    fs.renameSync(from, to);
    index.filesChanged([deleted(from), created(to)]);
    same(index, root, docs);

    // The plan, edited in the editor and then on disk.
    const planRel = 'activation-lens.yaml';
    const plan = fs.readFileSync(path.join(root, planRel), 'utf8');
    index.documentChanged(docs.set(planRel, plan.replace(/\bai-search\b/g, 'ai-lookup')));
    same(index, root, docs);
    docs.close(planRel);
    fs.writeFileSync(
      path.join(root, planRel),
      plan.replace('    - callee: trackEvent\n', '    - callee: logActivity\n    - callee: trackEvent\n'),
    );
    index.filesChanged([changed(path.join(root, planRel))]);
    same(index, root, docs);
  });

  it('takes facts from scan workers, saves them, and starts again from the index after a branch switch', async function () {
    this.timeout(120_000);
    const root = tmp('al-lsp-index-');
    const storagePath = tmp('al-lsp-storage-');
    generateWorkspace(root, {
      files: 450,
      candidateShare: 0.1,
      constantsShare: 0.02,
      seed: 5,
      wrappers: true,
    });
    const first = open(root, { jobs: 2, storagePath });
    const cold = await build(first.index);
    assert.ok(cold.scanned >= 450, JSON.stringify(cold));
    same(first.index, root, first.docs);
    first.index.saveIndex();

    // A restart: everything from the index.
    const second = open(root, { jobs: 2, storagePath });
    const warm = await build(second.index);
    assert.equal(warm.fromIndex, warm.files, JSON.stringify(warm));
    same(second.index, root, second.docs);

    // A branch switch while the server runs: many files rewritten, some gone, some new.
    const other = tmp('al-lsp-branch-');
    generateWorkspace(other, {
      files: 400,
      candidateShare: 0.15,
      constantsShare: 0.02,
      seed: 6,
      wrappers: true,
    });
    const before = new Set(listSourceFiles(root).files);
    fs.rmSync(path.join(root, 'src'), { recursive: true });
    fs.cpSync(path.join(other, 'src'), path.join(root, 'src'), { recursive: true });
    const after = new Set(listSourceFiles(root).files);
    const events = [
      ...[...before].filter((f) => !after.has(f)).map((f) => deleted(path.join(root, f))),
      ...[...after].map((f) => (before.has(f) ? changed : created)(path.join(root, f))),
    ];
    second.index.filesChanged(events);
    same(second.index, root, second.docs);
    second.index.saveIndex();

    // And a restart on the new branch.
    const third = open(root, { jobs: 0, storagePath });
    const again = await build(third.index);
    assert.equal(again.fromIndex, again.files, JSON.stringify(again));
    same(third.index, root, third.docs);
  });

  it('gives the same results whether the first scan used workers, ran out of its time budget, or not', async () => {
    const root = copyFixture('wrappers/monorepo');
    dirs.push(root);
    for (const options of [{ jobs: 0 }, { jobs: 2 }, { jobs: 2, budgetMs: 0 }]) {
      const { docs, index } = open(root, options);
      const report = await build(index);
      if (options.budgetMs === 0) assert.equal(report.stopped, 'budget');
      assert.equal(report.local, 0, "the server's main thread never scans");
      same(index, root, docs);
    }
  });

  it('keystrokes extracted by statements: each result equals the reference', async function () {
    this.timeout(120_000);
    const root = copyDemo();
    dirs.push(root);
    const { docs, index } = open(root, { jobs: 0 });
    await build(index);
    index.check();
    for (const rel of [
      'src/checkout/CheckoutPage.tsx',
      'src/lib/events.ts',
      'src/team/InviteTeammates.tsx',
    ]) {
      const text = fs.readFileSync(path.join(root, rel), 'utf8');
      index.documentOpened(docs.uri(rel), docs.set(rel, text), 1, text);
      // A letter typed in each `const` name (a rename), a space after each `(`, in file order.
      const points = [...text.matchAll(/\bconst \w|\(/g)].map((m) => [m.index! + m[0].length, m[0]] as const);
      for (const [n, [point, match]] of points.entries()) {
        index.documentChanged(docs.edit(rel, point + n, point + n, match === '(' ? ' ' : 'x'));
        same(index, root, docs);
      }
    }
    assert.ok(index.reextracts.statements > 5, JSON.stringify(index.reextracts));
    assert.ok(index.quickChecks.moved > 5, JSON.stringify(index.quickChecks));
  });

  it('a check in slices gives the check, and a change meanwhile drops it', async () => {
    const root = copyDemo();
    dirs.push(root);
    const { docs, index } = open(root, { jobs: 0 });
    await build(index);
    const expected = JSON.stringify(reference(root, docs));
    // Slices of no time: a step at a time, with the event loop between.
    let steps = 0;
    const counted = function* (inner: Steps<CheckResult>) {
      for (let next = inner.next(); ; next = inner.next()) {
        if (next.done) return next.value;
        steps++;
        yield;
      }
    };
    const whole = await runInSlices(counted(index.checkSteps()), () => false, 0);
    assert.equal(JSON.stringify(whole), expected);
    assert.ok(steps > 5, `steps: ${steps}`);
    assert.equal(index.result, whole);

    // An edit arrives between slices: the check is dropped and the last result stays.
    const rel = 'src/search/AiSearch.tsx';
    const text = fs.readFileSync(path.join(root, rel), 'utf8');
    index.documentOpened(docs.uri(rel), docs.set(rel, text), 1, text);
    const changes = index.changes;
    const at = text.lastIndexOf('}');
    setImmediate(() => index.documentChanged(docs.edit(rel, at, at, "  posthog.capture('sliced');\n")));
    const dropped = await runInSlices(index.checkSteps(), () => index.changes !== changes, 0);
    assert.equal(dropped, undefined);
    assert.equal(index.result, whole);
    same(index, root, docs);
  });

  it('a check dropped in the middle of the file list, of gating or of a discovery round: the next checks are the reference', async function () {
    this.timeout(600_000);
    const root = tmp('al-lsp-sliced-');
    // More files, and more analysed files and call sites, than those parts look at between two yields.
    generateWorkspace(root, {
      files: 1300,
      candidateShare: 0.85,
      constantsShare: 0.01,
      seed: 9,
      wrappers: true,
    });
    const { docs, index } = open(root, { jobs: 0 });
    await build(index);
    const rel = 'src/lib/track.ts';
    const text = fs.readFileSync(path.join(root, rel), 'utf8');
    index.documentOpened(docs.uri(rel), docs.set(rel, text), 1, text);
    /** The check in slices as the server runs it; `change` arrives after the `at`-th step of `part`. */
    const sliced = async (part: string, at = 0, change = () => {}) => {
      let seen = 0;
      const changes = index.changes;
      const watched = function* (inner: Steps<CheckResult>): Steps<CheckResult> {
        for (let next = inner.next(); ; next = inner.next()) {
          if (next.done) return next.value;
          if (next.value === part && ++seen === at) change();
          yield next.value;
        }
      };
      const result = await runInSlices(watched(index.checkSteps()), () => index.changes !== changes, 0);
      return { result, seen };
    };
    for (const part of ['files', 'gating', 'discovery round']) {
      const whole = await sliced(part);
      assert.equal(JSON.stringify(whole.result), JSON.stringify(reference(root, docs)), part);
      assert.ok(whole.seen >= 3, `${part}: ${whole.seen} steps`);
      // A new tracking call in the wrapper module, typed while the check is in the middle of the part.
      const at = Math.ceil(whole.seen / 2);
      const end = docs.get(docs.uri(rel))!.getText().lastIndexOf('}');
      const edit = () =>
        index.documentChanged(docs.edit(rel, end, end, `  analytics.track('sliced ${part}');\n`));
      const dropped = await sliced(part, at, edit);
      assert.equal(dropped.result, undefined, part);
      assert.equal(dropped.seen, at, `${part}: dropped where the edit arrived`);
      assert.equal(index.result, whole.result);
      // What the dropped check left behind changes nothing: in slices, and at once.
      const after = await sliced(part);
      assert.equal(JSON.stringify(after.result), JSON.stringify(reference(root, docs)), part);
      same(index, root, docs);
    }
  });

  it('stops the first scan when cancelled', async () => {
    const root = copyFixture('scan/shop');
    dirs.push(root);
    const { index } = open(root, { jobs: 2 });
    assert.equal(await index.build(() => undefined, { cancelled: true }), false);
    assert.equal(index.lastPrepare?.stopped, 'cancelled');
  });
});
