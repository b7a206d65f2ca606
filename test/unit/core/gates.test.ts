import { strict as assert } from 'node:assert';
import { scanSources } from '../../helpers/memory';

/** The gated text of each region of the file's first entry point, by kind. */
function gatedText(source: string): [string, string][] {
  const a = scanSources({ 'src/a.tsx': source });
  const gates = a.facts.get('src/a.tsx')!.gates!;
  return gates.entries[0]!.regions.map((r) => [
    r.kind,
    source.slice(r.start, r.end).replace(/\s+/g, ' ').trim(),
  ]);
}

describe('gates (per-file facts)', () => {
  it('records branches, guards and the rest of the function as offset ranges', () => {
    const source = `import { useFeatureIsOn } from '@growthbook/growthbook-react';
export function A() {
  const on = useFeatureIsOn('x');
  if (!on) return null;
  return <b>{on ? 'yes' : 'no'}</b>;
}`;
    assert.deepEqual(gatedText(source), [
      ['guard', "return <b>{on ? 'yes' : 'no'}</b>;"],
      ['branch', "'yes'"],
      ['function', "useFeatureIsOn('x'); if (!on) return null; return <b>{on ? 'yes' : 'no'}</b>; }"],
    ]);
  });

  it('marks the insertion point of a gated block: its first statement, or the statement after a guard', () => {
    const source = `import { useFeatureIsOn } from '@growthbook/growthbook-react';
export function A() {
  if (useFeatureIsOn('x')) {
    first();
  }
}
export function B() {
  if (!useFeatureIsOn('y')) return;
  second();
}`;
    const a = scanSources({ 'src/a.tsx': source });
    const entries = a.facts.get('src/a.tsx')!.gates!.entries;
    const inserts = entries.flatMap((e) =>
      e.regions
        .filter((r) => r.insertAt !== undefined)
        .map((r) => source.slice(r.insertAt!, r.insertAt! + 6)),
    );
    assert.deepEqual(inserts, ['first(', 'second']);
  });

  it('lists functions with their exports and the places that render or call them', () => {
    const a = scanSources({
      'src/a.tsx': `import { useFeatureIsOn } from '@growthbook/growthbook-react';
import Panel, { Row } from './panel';
import { format } from 'date-fns';
export default function Page() { return <Panel>{rows.map(() => <Row />)}{helper()}{format(1)}</Panel>; }
const helper = memo(() => null);
function local() {}
export { local as exported };
useFeatureIsOn('x');`,
    });
    const gates = a.facts.get('src/a.tsx')!.gates!;
    assert.deepEqual(
      gates.functions.map((f) => [f.name, f.exportedAs]),
      [
        ['Page', ['default']],
        ['helper', []],
        ['local', ['exported']],
      ],
    );
    assert.deepEqual(
      gates.uses.map((u) => [
        u.name,
        u.target.kind === 'import' ? `${u.target.from}#${u.target.name}` : `local ${u.target.index}`,
      ]),
      [
        ['Panel', './panel#default'],
        ['Row', './panel#Row'],
        ['helper', 'local 1'],
      ],
    );
  });

  it('are plain data: they survive a JSON round trip, so per-file facts can be cached', () => {
    const a = scanSources({
      'src/a.tsx': `import { useGate } from 'statsig-react';
// @feature annotated
export function A() { const { value } = useGate('g'); if (value) { go(); } }`,
    });
    const facts = a.facts.get('src/a.tsx')!;
    assert.ok(facts.gates!.entries.length === 2);
    assert.deepEqual(JSON.parse(JSON.stringify(facts)), facts);
  });
});
