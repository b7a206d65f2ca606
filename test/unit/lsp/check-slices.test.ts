import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateWorkspace } from '../../../bench/generate-workspace';
import { type CheckResult, checkWorkspaceSteps } from '../../../server/src/core/check';
import { extractFile } from '../../../server/src/core/extract';
import { STEP_SIZES, type StepSizes, type Steps } from '../../../server/src/core/steps';
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
  const result = counted(steps, counts);
  for (let next = result.next(); ; next = result.next()) if (next.done) return JSON.stringify(next.value);
}

/** The language server's check in slices of no time: a step at a time, with the event loop between. */
async function sliced(index: FolderIndex, counts: Counts): Promise<string> {
  const result = await runInSlices<CheckResult>(counted(index.checkSteps(), counts), () => false, 0);
  return JSON.stringify(result);
}

/** The check in slices of one item equals the unsliced one, and every part did yield inside its loops. */
async function same(index: FolderIndex, root: string, parts: readonly string[]): Promise<void> {
  const slicedCounts: Counts = new Map();
  const whole: Counts = new Map();
  assert.equal(await sliced(index, slicedCounts), reference(root, whole));
  for (const part of parts) {
    const [n, m] = [slicedCounts.get(part) ?? 0, whole.get(part) ?? 0];
    assert.ok(n > m, `${part}: ${n} steps in slices against ${m}`);
  }
}

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

  it('a generated workspace with wrappers, a workspace package and a path alias named like SDKs', async function () {
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
    // Only the resolver's prefixes tell that these are project modules, not the SDKs they are named
    // like: a folder missed while listing them (its packages or its tsconfig) changes the result.
    const write = (rel: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    };
    write('packages/posthog-js/package.json', '{ "name": "posthog-js" }\n');
    write('packages/posthog-js/index.ts', 'export default {};\n');
    write(
      'tools/shim/tsconfig.json',
      '{ "compilerOptions": { "paths": { "@openfeature/*": ["./of/*"] } } }\n',
    );
    write('tools/shim/of/web-sdk.ts', 'export const OpenFeature = {};\n');
    // A plan, so that features link events to milestones and the rules have something to check.
    write(
      'activation-lens.yaml',
      [
        'features:',
        '  order-v2:',
        '    discovery: [order_viewed]',
        '    activation: [order_completed]',
        '  cart-remote-2:',
        '    activation: [cart_panel_1_completed]',
        '',
      ].join('\n'),
    );
    const index = await built(root);
    const parts = ['files', 'link', 'discovery round', 'discovery files', 'gating', 'features', 'rules'];
    await same(index, root, parts);
    // The package and the alias gone: kept facts that relied on them no longer hold, the SDKs are back.
    remove(index, root, ['packages/posthog-js/index.ts', 'tools/shim/of/web-sdk.ts']);
    fs.rmSync(path.join(root, 'packages'), { recursive: true });
    fs.rmSync(path.join(root, 'tools'), { recursive: true });
    await same(index, root, parts);
  });
});
