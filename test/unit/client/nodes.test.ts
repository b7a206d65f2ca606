import { strict as assert } from 'node:assert';
import { buildNodes } from '../../../client/src/features/nodes';
import type { FeatureSummary, ProtocolLocation } from '../../../server/src/protocol';

const at = (file: string, line: number): ProtocolLocation => ({
  uri: `file:///ws/${file}`,
  range: { start: { line, character: 2 }, end: { line, character: 20 } },
});
const describe_ = (l: ProtocolLocation) => `${l.uri.slice('file:///ws/'.length)}:${l.range.start.line + 1}`;

const checkout: FeatureSummary = {
  key: 'checkout-v2',
  entryPoints: [{ sdk: 'growthbook', callee: 'useFeatureIsOn', location: at('src/Checkout.tsx', 7) }],
  milestones: {
    discovery: [{ event: 'checkout_viewed', via: 'plan', location: at('src/Checkout.tsx', 9) }],
    activation: [
      { event: 'checkout_started', via: 'gated-branch', location: at('src/Checkout.tsx', 11) },
      { event: 'checkout_started', via: 'gated-branch', location: at('src/Pay.tsx', 3) },
    ],
    value: [],
  },
  missing: ['value'],
  planLocation: at('activation-lens.yaml', 3),
};
const search: FeatureSummary = {
  key: 'ai-search',
  entryPoints: [{ sdk: 'posthog', callee: 'useFeatureFlagEnabled', location: at('src/Search.tsx', 4) }],
  milestones: {
    discovery: [{ event: '$feature_flag_called', via: 'exposure', location: at('src/Search.tsx', 4) }],
    activation: [{ event: 'ai_search_used', via: 'name', location: at('src/Search.tsx', 8) }],
    value: [{ event: 'ai_search_completed', via: 'plan' }],
  },
  missing: [],
};

describe('Features view nodes', () => {
  it('shows each feature with its milestones, linked events and entry points', () => {
    const [node] = buildNodes([checkout], { gapsOnly: false, describe: describe_ });
    assert.ok(node);
    assert.equal(node.label, 'checkout-v2');
    assert.equal(node.description, 'missing value');
    assert.equal(node.icon, 'warning');
    assert.deepEqual(node.planLocation, checkout.planLocation);
    assert.deepEqual(
      node.children.map((c) => [c.label, c.description]),
      [
        ['discovery', 'checkout_viewed'],
        ['activation', 'checkout_started'],
        ['value', 'missing'],
        ['entry points', '1'],
      ],
    );
    const activation = node.children[1]!;
    assert.deepEqual(
      activation.children.map((e) => [e.label, e.description, e.location?.uri]),
      [
        ['checkout_started', 'gated-branch · src/Checkout.tsx:12', 'file:///ws/src/Checkout.tsx'],
        ['checkout_started', 'gated-branch · src/Pay.tsx:4', 'file:///ws/src/Pay.tsx'],
      ],
    );
    assert.equal(activation.children[0]!.tooltip, 'Linked because it is sent in code the flag gates.');
    // A missing milestone opens the flag check, where its quick-fix is offered.
    assert.deepEqual(node.children[2]!.location, checkout.entryPoints[0]!.location);
    const [entry] = node.children[3]!.children;
    assert.deepEqual(
      [entry!.label, entry!.description],
      ['useFeatureIsOn', 'growthbook · src/Checkout.tsx:8'],
    );
    // Parents lead back to the feature (the view reveals nodes through them).
    assert.equal(entry!.parent?.parent, node);
  });

  it('marks a complete feature, exposure events and events without a location', () => {
    const [node] = buildNodes([search], { gapsOnly: false, describe: describe_ });
    assert.equal(node!.description, 'complete');
    assert.equal(node!.icon, 'pass');
    assert.equal(node!.planLocation, undefined);
    const [discovery, , value] = node!.children;
    assert.equal(discovery!.children[0]!.icon, 'eye');
    assert.equal(value!.children[0]!.description, 'plan');
    assert.equal(value!.children[0]!.location, undefined);
  });

  it('keeps only features with gaps when asked, with ids that do not change', () => {
    const all = buildNodes([search, checkout], { gapsOnly: false, describe: describe_ });
    const gaps = buildNodes([search, checkout], { gapsOnly: true, describe: describe_ });
    assert.deepEqual(
      gaps.map((n) => n.label),
      ['checkout-v2'],
    );
    assert.equal(gaps[0]!.id, all[1]!.id);
    const ids = all.flatMap(function ids(n): string[] {
      return [n.id, ...n.children.flatMap(ids)];
    });
    assert.equal(new Set(ids).size, ids.length, 'ids are unique');
  });

  it('keeps features of two folders with the same key apart', () => {
    const nodes = buildNodes([checkout, checkout], { gapsOnly: false, describe: describe_ });
    assert.notEqual(nodes[0]!.id, nodes[1]!.id);
  });

  it('shows a feature’s headline KPIs and flags its missed targets', () => {
    const withKpis: FeatureSummary = {
      ...search,
      kpis: {
        headline: 'activation 41% · STTV p50 3h 12m',
        figures: [{ label: 'Activation rate · 7d', value: '41.2% of 1,659 mature users' }],
        targets: [
          {
            label: 'activation rate',
            actualText: '41.2%',
            targetText: '≥ 40.0%',
            met: true,
            kind: 'rate',
            target: 0.4,
            actual: 0.412,
          },
          {
            label: 'STTV p50',
            actualText: '3h 12m',
            targetText: '≤ 10m',
            met: false,
            kind: 'duration',
            target: 600,
            actual: 11_520,
          },
        ],
        stale: false,
        asOf: '2026-11-30T00:00:00.000Z',
        computedAt: '2026-12-01T10:00:00.000Z',
      },
    };
    const [node] = buildNodes([withKpis], { gapsOnly: false, describe: describe_ });
    assert.equal(node!.description, 'complete · activation 41% · STTV p50 3h 12m · 1 target missed');
    assert.equal(node!.icon, 'warning', 'a missed target is flagged like a gap');
    assert.match(node!.tooltip!, /✗ STTV p50 3h 12m, target ≤ 10m/);
    const kpis = node!.children[0]!;
    assert.deepEqual([kpis.label, kpis.description], ['KPIs', 'activation 41% · STTV p50 3h 12m']);
    assert.deepEqual(
      kpis.children.map((c) => [c.label, c.description, c.icon]),
      [
        ['Activation rate · 7d', '41.2% of 1,659 mature users', 'dash'],
        ['target activation rate', '41.2% (≥ 40.0%)', 'pass'],
        ['target STTV p50', '3h 12m (≤ 10m)', 'error'],
      ],
    );
    const stale = buildNodes([{ ...withKpis, kpis: { ...withKpis.kpis!, stale: true } }], {
      gapsOnly: false,
      describe: describe_,
    });
    assert.match(stale[0]!.description!, /STTV p50 3h 12m \(stale\)/);
  });
});
