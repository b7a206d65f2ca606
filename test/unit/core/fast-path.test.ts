import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateWorkspace } from '../../../bench/generate-workspace';
import { scanJson } from '../../../server/src/cli/format/scan-json';
import { analyzeDirectory } from '../../../server/src/workspace/analyze';
import { FIXTURES, removeDir } from '../../helpers/fixtures';

// The text pre-filter and the wrapper re-test only decide which files are parsed: the results must
// be exactly those of parsing every file in full.
function compare(dir: string) {
  const fast = analyzeDirectory(dir);
  const full = analyzeDirectory(dir, { parseEverything: true });
  assert.deepEqual(scanJson(fast), scanJson(full));
  return fast;
}

/** Files that reach wrappers in the ways a text test could miss: default imports, renames, barrels. */
const WRAPPER_FILES: Record<string, string> = {
  'src/lib/telemetry/index.ts': `import mixpanel from 'mixpanel-browser';
export default function send(name: string, props?: object) { mixpanel.track(name, props); }`,
  'src/lib/index.ts': `export { default as logIt } from './telemetry';
export * from './scoped';`,
  'src/lib/scoped.ts': `import { logIt } from '.';
export const trackScoped = (scope: string, action: string) => logIt(\`\${scope}:\${action}\`);`,
  'src/pages/a.tsx': `import report from '../lib/telemetry';
export const A = () => <button onClick={() => report('a_clicked')} />;`,
  'src/pages/b.tsx': `import { logIt as l } from '../lib';
export const B = () => l('b_viewed');`,
  'src/pages/c.ts': `import { trackScoped } from '../lib';
export const c = () => trackScoped('billing', 'opened');`,
  'src/pages/d.tsx': `import { useUiFlag } from '../lib/flags';
export const D = () => (useUiFlag('d-flag') ? 1 : 0);`,
  'src/lib/flags.ts': `export const useUiFlag = (key: string) => Boolean(window.uiConfig.flags[key]);`,
};

describe('fast path = full analysis', () => {
  for (const fixture of [
    'scan/shop',
    'wrappers/monorepo',
    'wrappers/chain',
    'wrappers/hook',
    'wrappers/gating',
    'wrappers/apps/segment-service',
  ]) {
    it(`gives identical results on ${fixture}`, () => {
      compare(path.join(FIXTURES, fixture));
    });
  }

  it('keeps per-file facts plain data (cacheable, transferable to workers)', () => {
    const { analysis } = analyzeDirectory(path.join(FIXTURES, 'wrappers', 'apps', 'segment-service'));
    const facts = [...analysis.facts.values()];
    assert.ok(facts.some((f) => f.wrappers && f.wrappers.functions.length && f.wrappers.calls.length));
    assert.deepEqual(JSON.parse(JSON.stringify(facts)), facts);
    assert.deepEqual(structuredClone(facts), facts);
  });

  it('gives identical results on the demo workspace', () => {
    compare(path.resolve(FIXTURES, '..', '..', 'examples', 'demo-shop'));
  });

  describe('on a generated workspace with wrappers reached only through imports', () => {
    let dir: string;
    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'al-fast-path-'));
      generateWorkspace(dir, { files: 400, candidateShare: 0.08, constantsShare: 0.01, seed: 7 });
      for (const [rel, text] of Object.entries(WRAPPER_FILES)) {
        fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        fs.writeFileSync(path.join(dir, rel), text);
      }
    });
    after(() => removeDir(dir));

    it('parses a fraction of the files and still finds every call through a wrapper', () => {
      const fast = compare(dir);
      const { stats } = fast.analysis;
      assert.ok(stats.candidates + stats.wrapperCandidates < fast.files.length / 2, JSON.stringify(stats));
      // a.tsx, b.tsx, c.ts and scoped.ts name no SDK call: the wrapper re-test found them.
      assert.ok(stats.wrapperCandidates >= 4, JSON.stringify(stats));
      const sites = fast.analysis.trackingCalls
        .filter((c) => c.file.startsWith('src/pages/'))
        .map((c) => [c.file, c.event]);
      assert.deepEqual(sites, [
        ['src/pages/a.tsx', 'a_clicked'],
        ['src/pages/b.tsx', 'b_viewed'],
        ['src/pages/c.ts', 'billing:opened'],
      ]);
      assert.deepEqual(
        fast.analysis.entryPoints.filter((e) => e.file.startsWith('src/pages/')).map((e) => e.feature),
        ['d-flag'],
      );
    });
  });
});
