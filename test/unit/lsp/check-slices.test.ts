import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateWorkspace } from '../../../bench/generate-workspace';
import { type CheckResult, checkWorkspaceSteps } from '../../../server/src/core/check';
import { extractFile } from '../../../server/src/core/extract';
import { drain, STEP_SIZES, type StepSizes, type Steps } from '../../../server/src/core/steps';
import { FolderIndex } from '../../../server/src/lsp/folder-index';
import { runInSlices } from '../../../server/src/lsp/slices';
import { pathToUri } from '../../../server/src/lsp/uris';
import { listSourceFiles } from '../../../server/src/workspace/files';
import { DiskHost } from '../../../server/src/workspace/host';
import { findPlans } from '../../../server/src/workspace/plans';
import { OpenDocuments } from '../../helpers/documents';
import { copyDemo, copyFixture, removeDir } from '../../helpers/fixtures';

// The slice boundaries of the full check. The other tests compare a sliced check with a run of the
// same steps at the same sizes, where an item skipped (or done twice) right after a yield would be
// skipped in both. Here the language server's check yields after every item of every part (the
// resolver's file list, its kept facts, linking, discovery rounds and their word tests, gating's
// index, feature building, rules) and is compared with a run that never yields inside a loop.

/** Every size the same: 1 yields after each item, `Infinity` never inside a loop. */
function sized(size: number): StepSizes {
  const sizes = { ...STEP_SIZES };
  for (const key of Object.keys(sizes) as (keyof StepSizes)[]) sizes[key] = size;
  return sizes;
}

const EVERY_ITEM = sized(1);
const UNSLICED = sized(Infinity);

type Counts = Map<string, number>;

/** Runs steps to their end, counting the steps of each part. */
function* counted<T>(steps: Steps<T>, counts: Counts): Steps<T> {
  for (let next = steps.next(); ; next = steps.next()) {
    if (next.done) return next.value;
    counts.set(String(next.value), (counts.get(String(next.value)) ?? 0) + 1);
    yield next.value;
  }
}

/** A fresh check of the workspace as it is on disk, with no yield inside any loop. */
function reference(root: string, counts: Counts): string {
  const { files } = listSourceFiles(root);
  const steps = checkWorkspaceSteps({
    files,
    host: new DiskHost(root, new Set(files)),
    plans: findPlans(root, files),
    extract: extractFile,
    stepSizes: UNSLICED,
  });
  return JSON.stringify(drain(counted(steps, counts)));
}

/** The language server's check in slices of no time: a step at a time, with the event loop between. */
async function sliced(index: FolderIndex, counts: Counts): Promise<string> {
  const result = await runInSlices<CheckResult>(counted(index.checkSteps(), counts), () => false, 0);
  return JSON.stringify(result);
}

/** The check in slices of one item equals the unsliced one, and every part did yield inside its loops. */
async function same(index: FolderIndex, root: string, parts: readonly string[]): Promise<CheckResult> {
  const slicedCounts: Counts = new Map();
  const whole: Counts = new Map();
  const expected = reference(root, whole);
  const actual = await sliced(index, slicedCounts);
  if (actual !== expected) assert.fail(difference(actual, expected));
  for (const part of parts) {
    const [n, m] = [slicedCounts.get(part) ?? 0, whole.get(part) ?? 0];
    assert.ok(n > m, `${part}: ${n} steps in slices against ${m}`);
  }
  return JSON.parse(expected) as CheckResult;
}

/** Where two JSON texts part (the whole texts run to megabytes). */
function difference(actual: string, expected: string): string {
  let at = 0;
  while (at < actual.length && actual[at] === expected[at]) at++;
  const around = (text: string) => text.slice(Math.max(0, at - 300), at + 300);
  return `in slices: …${around(actual)}…\nunsliced: …${around(expected)}…`;
}

/** The events of a check's tracking calls, and the features an event is linked to (and how). */
const events = (result: CheckResult) => result.trackingCalls.map((call) => call.event);
const linksOf = (result: CheckResult, event: string) =>
  result.features.flatMap((f) =>
    [...Object.values(f.milestones).flat(), ...f.otherEvents]
      .filter((link) => link.event === event)
      .map((link) => `${f.key} ${link.via}`),
  );

async function built(root: string): Promise<FolderIndex> {
  const index = new FolderIndex(root, pathToUri(root), new OpenDocuments(root), {
    jobs: 0,
    stepSizes: EVERY_ITEM,
  });
  assert.equal(await index.build(() => undefined, { cancelled: false }), true);
  return index;
}

const deleted = (fsPath: string) => ({ fsPath, kind: 'deleted' as const });

/** Deletes files and tells the index: the kept facts of the others are judged again in the next check. */
function remove(index: FolderIndex, root: string, rels: readonly string[]): void {
  for (const rel of rels) fs.rmSync(path.join(root, rel));
  index.filesChanged(rels.map((rel) => deleted(path.join(root, rel))));
}

describe('a check that yields after every item = one that never yields inside a loop', () => {
  const dirs: string[] = [];
  afterEach(() => {
    while (dirs.length) removeDir(dirs.pop()!);
  });

  const FIXTURES = [
    'scan/shop',
    'wrappers/chain',
    'wrappers/flag-objects',
    'wrappers/gating',
    'wrappers/hook',
    'wrappers/monorepo',
    'wrappers/apps',
  ];
  for (const name of ['demo', ...FIXTURES]) {
    it(`${name}, then with a file deleted`, async () => {
      const root = name === 'demo' ? copyDemo() : copyFixture(name);
      dirs.push(root);
      const index = await built(root);
      await same(index, root, ['files', 'link', 'discovery round']);
      // The last of the files in the order the check lists them: a boundary case for every loop.
      const { files } = listSourceFiles(root);
      remove(index, root, [files[files.length - 1]!]);
      await same(index, root, ['files', 'link']);
    });
  }

  it('a generated workspace with wrappers, a workspace package, a path alias and a gated child', async function () {
    this.timeout(60_000);
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'al-check-slices-'));
    dirs.push(root);
    generateWorkspace(root, {
      files: 500,
      candidateShare: 0.3,
      constantsShare: 0.02,
      seed: 13,
      wrappers: true,
    });
    const write = (rel: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    };
    // A file calling a wrapper through a workspace package and one through a tsconfig alias, first
    // without the package's manifest and the alias: its imports then name no project module.
    write(
      'packages/track/index.ts',
      "import { trackEvent } from '../../src/lib/track';\n\nexport function trackAcme(name: string) {\n  trackEvent(`acme ${name}`);\n}\n",
    );
    write(
      'tools/app/Report.tsx',
      "import { trackAcme } from '@acme/track';\nimport { trackEvent } from '@app/lib/track';\n\nexport function Report() {\n  trackEvent('report_opened');\n  trackAcme('report');\n  return null;\n}\n",
    );
    // A child rendered in a flag's branch, and also by a file no pass parses: only that file's words
    // say the child is not the feature's, so a file missed by gating's word test changes the links.
    write(
      'src/share/ShareFeature.tsx',
      "import posthog from 'posthog-js';\nimport { ShareDialog } from './ShareDialog';\n\nexport function ShareFeature() {\n  if (!posthog.isFeatureEnabled('share-v2')) return null;\n  return <ShareDialog />;\n}\n",
    );
    write(
      'src/share/ShareDialog.tsx',
      "import { analytics } from '../lib/analytics';\n\nexport function ShareDialog() {\n  return <button onClick={() => analytics.track('link_copied')}>Copy</button>;\n}\n",
    );
    write(
      'src/share/Toolbar.tsx',
      "import { ShareDialog } from './ShareDialog';\n\nexport const Toolbar = () => <ShareDialog />;\n",
    );
    // A plan, so that features link events to milestones and the rules have something to check.
    write(
      'activation-lens.yaml',
      [
        'features:',
        '  order-v2:',
        '    discovery: [order_viewed]',
        '    activation: [order_completed]',
        '  share-v2:',
        '    activation: [share_opened]',
        '',
      ].join('\n'),
    );
    const index = await built(root);
    const parts = ['files', 'link', 'discovery round', 'discovery files', 'gating', 'features', 'rules'];
    const reported = (result: CheckResult) =>
      ['report_opened', 'acme report'].filter((event) => events(result).includes(event));
    assert.deepEqual(reported(await same(index, root, parts)), []);
    // The manifest and the alias added (no source file with them: only the check's new resolver
    // sees them). Only the resolver's prefixes make the imports project modules, so a folder missed
    // while listing them (its package, or its tsconfig) loses the calls; and the kept facts of the
    // file, extracted when its imports named no project module, no longer hold.
    write('packages/track/package.json', '{ "name": "@acme/track", "main": "index.ts" }\n');
    write('tools/app/tsconfig.json', '{ "compilerOptions": { "paths": { "@app/*": ["../../src/*"] } } }\n');
    const second = await same(index, root, parts);
    assert.deepEqual(reported(second), ['report_opened', 'acme report']);
    assert.deepEqual(linksOf(second, 'link_copied'), []);
    // The other use of the child gone: the child is the feature's.
    remove(index, root, ['src/share/Toolbar.tsx']);
    assert.deepEqual(linksOf(await same(index, root, parts), 'link_copied'), ['share-v2 gated-branch']);
  });
});
