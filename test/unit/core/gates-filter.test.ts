import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { moduleClassifier } from '../../../server/src/core/catalogue';
import { EMPTY_CONFIG } from '../../../server/src/core/config';
import { extractFile, gateEntries } from '../../../server/src/core/extract';
import { computeGates } from '../../../server/src/core/gates';
import { isSourceFile } from '../../../server/src/core/languages';
import { parseSource } from '../../../server/src/core/parse';
import { Scopes } from '../../../server/src/core/scope';
import { bigFile } from '../../../bench/keystroke';

// Each flag check only analyses the conditions that can hold its value (gates.ts `mayInvolve`),
// instead of every condition of the file: the regions must be those of the unfiltered analysis.

const REPO = path.resolve(__dirname, '../../..');

/** Checks whose value reaches conditions in many ways: bindings, negations, nesting, other scopes. */
const TRICKY = `import posthog from 'posthog-js';
import { useFeatureIsOn, useFeatureValue } from '@growthbook/growthbook-react';
import { useFlags } from 'launchdarkly-react-client-sdk';
const moduleLevel = posthog.isFeatureEnabled('module-level');
export function A({ x }: { x: boolean }) {
  const on = useFeatureIsOn('a');
  const off = !useFeatureIsOn('b');
  const { newNav: nav } = useFlags();
  const variant = useFeatureValue('c', 'control');
  if (x && on) return <i>{moduleLevel ? 'm' : null}</i>;
  if (!off) { first(); } else second();
  const shown = nav && <b />;
  switch (variant) { case 'treatment': third(); break; case 'control': break; }
  if (variant !== 'control') fourth();
  if (Boolean(posthog.isFeatureEnabled('d') === true)) fifth();
  return x ? (on ? <p /> : <q />) : nav || shown;
}
export function B() {
  if (!moduleLevel) return;
  const on = true; // the same name, another variable
  if (on) sixth();
}
`;

function sources(): [string, string][] {
  const out: [string, string][] = [
    ['src/tricky.tsx', TRICKY],
    ['src/big/Dashboard.tsx', bigFile()],
  ];
  for (const dir of ['test/fixtures', 'examples/demo-shop']) {
    for (const rel of fs.readdirSync(path.join(REPO, dir), { recursive: true }).map(String)) {
      if (!isSourceFile(rel) || rel.includes('node_modules')) continue;
      out.push([`${dir}/${rel}`, fs.readFileSync(path.join(REPO, dir, rel), 'utf8')]);
    }
  }
  return out;
}

describe('gates: conditions filtered per check = every condition analysed', () => {
  it('gives the same regions on the fixtures, the demo, the benchmark file and tricky checks', () => {
    const classify = moduleClassifier([]);
    let checked = 0;
    for (const [file, text] of sources()) {
      const parsed = parseSource(file, text);
      if (!parsed.ok) continue;
      const facts = extractFile(file, text, { config: EMPTY_CONFIG, classifyModule: classify });
      // The calls that may be flag checks through a wrapper are analysed too.
      const entries = gateEntries(facts.entryPoints, facts.wrappers?.calls ?? []);
      if (entries.length === 0) continue;
      const gates = (every: boolean) =>
        computeGates(
          parsed.ast,
          new Scopes(parsed.ast),
          entries,
          text,
          (spec) => classify(spec) === 'project',
          undefined,
          every,
        );
      const reference = gates(true);
      assert.deepEqual(gates(false), reference, file);
      assert.deepEqual(facts.gates, reference, `${file} (as extracted)`);
      checked += entries.length;
    }
    assert.ok(checked > 50, `flag checks compared: ${checked}`);
  });
});
