import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { extractFile } from '../../../server/src/core/extract';
import { FactsStore } from '../../../server/src/core/facts-store';
import { emptyPlan } from '../../../server/src/core/plan/model';
import { STEP_SIZES, type StepSizes } from '../../../server/src/core/steps';
import { DiskHost } from '../../../server/src/workspace/host';
import { removeDir } from '../../helpers/fixtures';

// `setFilesSteps` judges each kept entry in a step and applies the verdicts after the last one; the
// editor's requests run in between and may make or extend an entry (its facts read with the resolver
// still in use). An entry made meanwhile is judged by the loop itself (a Map's iteration visits the
// entries added during it); one extended after its verdict must be judged again when applying, as
// the verdict says nothing of what the entry now relies on.

const PACKAGE = 'packages/posthog-js/index.ts';
/** Not a candidate: its full facts are read on demand (gating), after the file list's verdicts. */
const PAGE = 'src/page.tsx';
/** The same, never read before the new file list is set. */
const LATE = 'src/late.tsx';
const OTHER = 'src/other.ts';

/** A yield after every item, so that the verdicts are taken one step at a time. */
const ONE: StepSizes = { ...STEP_SIZES };
for (const key of Object.keys(ONE) as (keyof StepSizes)[]) ONE[key] = 1;

describe('FactsStore.setFilesSteps, an entry made or extended between two steps', () => {
  let root: string;
  let host: DiskHost;
  const files = [PAGE, OTHER, LATE, PACKAGE];
  // The package gone: `posthog-js` is no longer a project module but the SDK, so a use of its
  // component no longer reaches project code.
  const fewer = files.filter((file) => file !== PACKAGE);
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'al-apply-'));
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), text);
    };
    write('packages/posthog-js/package.json', '{ "name": "posthog-js" }\n');
    write(PACKAGE, 'export function Panel() {\n  return null;\n}\n');
    const page = "import { Panel } from 'posthog-js';\nexport function Page() {\n  return <Panel />;\n}\n";
    write(PAGE, page);
    write(LATE, page.replace('Page', 'Late'));
    write(OTHER, 'export const other = 1;\n');
    host = new DiskHost(root, new Set(files));
  });
  after(() => removeDir(root));

  /** A store on the first file list that read `read` (their words; PAGE first, so not judged last). */
  const storeThatRead = (read: readonly string[]) => {
    const store = new FactsStore(host, emptyPlan().sdks, { extract: extractFile });
    store.setFiles(files);
    for (const file of read) store.candidate(file);
    return store;
  };
  /** The facts and record of a file in a store given the new file list directly. */
  const reference = (file: string) => {
    const store = new FactsStore(host, emptyPlan().sdks, { extract: extractFile });
    store.setFiles(fewer);
    return { full: store.full(file), record: store.record(file) };
  };
  /**
   * Runs the steps, calling `between` after the last step of a run left alone: once every entry
   * then in the store has its verdict. The run goes on while the loop still has entries to judge.
   */
  const runWith = (store: FactsStore, between: () => void) => {
    let count = 0;
    for (const steps = storeThatRead([PAGE, OTHER, PACKAGE]).setFilesSteps(fewer, ONE); !steps.next().done;)
      count++;
    const steps = store.setFilesSteps(fewer, ONE);
    for (let i = 0; i < count; i++) assert.equal(steps.next().done, false);
    between();
    while (!steps.next().done);
  };

  it('judges again an entry whose deps grew after its verdict', () => {
    const store = storeThatRead([PAGE, OTHER, PACKAGE]);
    // Words only: the page relied on nothing yet, so its verdict is that it holds.
    assert.deepEqual(store.record(PAGE)?.deps, { kinds: {}, resolved: {} });
    assert.equal(store.record(PAGE)?.full, undefined);
    const { full, record } = reference(PAGE);
    runWith(store, () => {
      // Gating asks for the page's full facts: classified with the resolver in use, the package's.
      const stale = store.full(PAGE);
      assert.deepEqual(store.record(PAGE)?.deps, { kinds: { 'posthog-js': 'project' }, resolved: {} });
      assert.notDeepEqual(stale, full, 'the facts depend on the file list');
    });
    assert.deepEqual(store.full(PAGE), full);
    assert.deepEqual(store.record(PAGE), record);
    assert.deepEqual(store.record(PAGE)?.deps.kinds, { 'posthog-js': 'sdk' });
  });

  it('judges an entry made between two steps', () => {
    const store = storeThatRead([PAGE, OTHER, PACKAGE]);
    assert.equal(store.record(LATE), undefined);
    const { full, record } = reference(LATE);
    runWith(store, () => {
      const stale = store.full(LATE);
      assert.notDeepEqual(stale, full, 'the facts depend on the file list');
    });
    assert.deepEqual(store.full(LATE), full);
    assert.deepEqual(store.record(LATE), record);
  });
});
