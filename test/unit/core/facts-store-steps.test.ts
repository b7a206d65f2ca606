import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateWorkspace } from '../../../bench/generate-workspace';
import { extractFile } from '../../../server/src/core/extract';
import { FactsStore } from '../../../server/src/core/facts-store';
import { emptyPlan } from '../../../server/src/core/plan/model';
import { listSourceFiles } from '../../../server/src/workspace/files';
import { DiskHost } from '../../../server/src/workspace/host';
import { removeDir } from '../../helpers/fixtures';

// The resolver's file list in steps (the sliced full check): computed aside and applied at once, so a
// check dropped in the middle leaves the store as it was, and one run to its end equals `setFiles`.

const PACKAGE = 'packages/posthog-js/index.ts';

describe('FactsStore.setFilesSteps', () => {
  let root: string;
  let files: string[];
  let host: DiskHost;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'al-set-files-'));
    // More files than the store checks between two steps, so that the computation yields inside.
    generateWorkspace(root, {
      files: 1100,
      candidateShare: 0.05,
      constantsShare: 0.01,
      seed: 11,
      wrappers: true,
    });
    // A workspace package named like an SDK: while its files are in the list, `posthog-js` is a
    // project module, so facts classified with it no longer hold once the package is gone.
    fs.mkdirSync(path.join(root, 'packages/posthog-js'), { recursive: true });
    fs.writeFileSync(path.join(root, 'packages/posthog-js/package.json'), '{ "name": "posthog-js" }\n');
    fs.writeFileSync(path.join(root, 'packages/posthog-js/index.ts'), 'export default {};\n');
    files = listSourceFiles(root).files;
    host = new DiskHost(root, new Set(files));
  });
  after(() => removeDir(root));

  /** A store that read every file, and what it knows of each. */
  const filled = () => {
    const store = new FactsStore(host, emptyPlan().sdks, { extract: extractFile });
    store.setFiles(files);
    for (const file of files) store.candidate(file);
    return store;
  };
  const records = (store: FactsStore) => JSON.stringify(files.map((file) => store.record(file) ?? null));

  it('dropped in the middle, leaves the store untouched; run to its end, equals setFiles', () => {
    const store = filled();
    const before = { files: store.sourceFiles, resolver: store.resolver, prefixes: store.projectPrefixes };
    const known = records(store);
    // The package gone and a few hundred files with it.
    const fewer = files.filter((file, i) => file !== PACKAGE && i % 4 !== 0);

    const steps = store.setFilesSteps(fewer);
    let taken = 0;
    for (let next = steps.next(); !next.done; next = steps.next()) {
      if (++taken === 2) break; // dropped: never resumed
    }
    assert.equal(taken, 2, 'the computation yields inside');
    assert.equal(store.sourceFiles, before.files);
    assert.equal(store.resolver, before.resolver);
    assert.equal(store.projectPrefixes, before.prefixes);
    assert.equal(records(store), known);

    // Run to its end (a step at a time, with the store read between steps as the editor's requests do).
    const stepped = store.setFilesSteps(fewer);
    let count = 0;
    for (let next = stepped.next(); !next.done; next = stepped.next()) {
      count++;
      store.record(files[count % files.length]!);
    }
    assert.ok(count > 2, `steps: ${count}`);
    const reference = filled();
    reference.setFiles(fewer);
    assert.equal(store.sourceFiles, fewer);
    assert.deepEqual(store.projectPrefixes, reference.projectPrefixes);
    assert.equal(records(store), records(reference));
    assert.ok(records(store) !== known, 'facts that no longer hold are gone');
  });

  it('judges an entry read between two steps with the new resolver', () => {
    const store = filled();
    const fewer = files.filter((file) => file !== PACKAGE);
    const reference = filled();
    reference.setFiles(fewer);
    // Files whose facts relied on the module that goes away.
    const relied = fewer.filter((file) => store.record(file) && !reference.record(file));
    assert.ok(relied.length > 0, 'some facts relied on the module');
    let count = 0;
    for (const steps = store.setFilesSteps(fewer); !steps.next().done;) count++;
    const fresh = filled();
    const steps = fresh.setFilesSteps(fewer);
    for (let i = 0; i < count; i++) assert.equal(steps.next().done, false);
    // After the last step, before the result is applied: facts read again with the resolver in use.
    for (const file of relied) {
      fresh.invalidate(file);
      fresh.candidate(file);
    }
    assert.equal(steps.next().done, true);
    assert.equal(records(fresh), records(reference));
  });
});
