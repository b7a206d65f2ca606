// The language server's KPI pieces that are plain logic: the disk cache, the retry backoff, the
// sparkline image, which events each feature's KPIs read in the editor, and the lens and card texts.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FeatureModel } from '../../../server/src/core/features/types';
import type { PlanFeature } from '../../../server/src/core/plan/model';
import { linkedKpiFeatures } from '../../../server/src/kpi/live/linked-features';
import type { DailyPoint } from '../../../server/src/kpi/live/result';
import { retryDelay } from '../../../server/src/lsp/kpis/backoff';
import { defaultCacheDir, KpiCache, type Snapshot } from '../../../server/src/lsp/kpis/cache';
import { sparklineMarkdown, sparklineSvg } from '../../../server/src/lsp/kpis/sparkline';
import { tempDir } from '../../helpers/kpi';

const snapshot = (computedAt: string): Snapshot => ({
  kpis: {
    result: {
      asOf: '2026-11-30T00:00:00.000Z',
      source: 'duckdb',
      events: 3,
      duplicates: 0,
      afterAsOf: 0,
      rejected: 0,
      rejectedReasons: {},
      rejectedSamples: [],
      windows: { activation: 1, ittv: 1, sttv: 1, ttbv: 1, adoption: 1, rptu: 1, analysis: 1 },
      features: {},
    },
  },
  computedAt,
  jobKey: 'k',
  sourceText: 'duckdb · events/*.ndjson',
});

describe('KPI cache', () => {
  it('reads back what it wrote, per scope, and nothing for another scope', () => {
    const dir = tempDir();
    try {
      const cache = new KpiCache(path.join(dir, 'nested', 'kpis'));
      cache.write('file:///a#activation-lens.yaml', snapshot('2026-12-01T10:00:00.000Z'));
      cache.write('file:///b#activation-lens.yaml', snapshot('2026-12-01T11:00:00.000Z'));
      assert.equal(cache.read('file:///a#activation-lens.yaml')?.computedAt, '2026-12-01T10:00:00.000Z');
      assert.equal(cache.read('file:///b#activation-lens.yaml')?.computedAt, '2026-12-01T11:00:00.000Z');
      assert.equal(cache.read('file:///c#activation-lens.yaml'), undefined);
      // No temporary file is left behind.
      assert.equal(
        fs.readdirSync(path.join(dir, 'nested', 'kpis')).filter((f) => f.endsWith('.tmp')).length,
        0,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('ignores a corrupt or foreign cache file instead of failing', () => {
    const dir = tempDir();
    try {
      const cache = new KpiCache(dir);
      cache.write('s', snapshot('2026-12-01T10:00:00.000Z'));
      const [file] = fs.readdirSync(dir);
      fs.writeFileSync(path.join(dir, file!), '{"version": 1, "scope": "s", "snap');
      assert.equal(cache.read('s'), undefined);
      fs.writeFileSync(
        path.join(dir, file!),
        JSON.stringify({ version: 99, scope: 's', snapshot: snapshot('x') }),
      );
      assert.equal(cache.read('s'), undefined);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('falls back to a per-workspace folder of the user’s cache, outside the repository', () => {
    const a = defaultCacheDir(['/work/a']);
    assert.notEqual(a, defaultCacheDir(['/work/b']));
    assert.equal(a, defaultCacheDir(['/work/a']));
    assert.ok(!a.startsWith('/work/a'));
    assert.match(a, /activation-lens[\\/]workspaces[\\/][0-9a-f]{16}$/);
  });
});

describe('KPI retry backoff', () => {
  it('doubles from 10 s up to the ceiling', () => {
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6, 7, 40].map((n) => retryDelay(n)),
      [10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000],
    );
    assert.equal(retryDelay(9, 60_000), 60_000);
    assert.equal(retryDelay(1, 1000), 10_000);
  });
});

describe('KPI sparkline', () => {
  const daily: DailyPoint[] = Array.from({ length: 30 }, (_, i) => ({
    day: `2026-11-${String(i + 1).padStart(2, '0')}`,
    discovered: i,
    activated: i === 29 ? 58 : 0,
  }));

  it('draws both series scaled to the larger one, as an SVG of fixed size', () => {
    const svg = sparklineSvg(daily);
    const lines = [...svg.matchAll(/points="([^"]+)"/g)].map((m) => m[1]!.split(' '));
    assert.equal(lines.length, 2);
    assert.equal(lines[0]!.length, 30);
    // The highest point of all (58 activations on the last day) touches the top margin.
    assert.equal(lines[1]!.at(-1), '238.0,3.0');
    assert.equal(lines[0]!.at(0), '2.0,33.0');
  });

  it('is an image in the hover markdown with a caption of the totals', () => {
    const md = sparklineMarkdown(daily);
    const data = /\(data:image\/svg\+xml;base64,([^)]+)\)/.exec(md)![1]!;
    assert.equal(Buffer.from(data, 'base64').toString(), sparklineSvg(daily));
    assert.match(md, /Last 30 days: 435 discovered \(blue\), 58 activated \(green\)$/);
  });
});

describe('the events each feature’s KPIs read in the editor', () => {
  const link = (event: string, via: string) =>
    ({ event, via }) as FeatureModel['milestones']['discovery'][number];
  const model = (key: string, planned: boolean, milestones: Record<string, ReturnType<typeof link>[]>) =>
    ({
      key,
      planned,
      flags: [key],
      milestones: { discovery: [], activation: [], value: [], ...milestones },
    }) as unknown as FeatureModel;
  const plan = (key: string, value: string[]): PlanFeature => ({
    key,
    flags: [key],
    discovery: [],
    activation: [],
    value,
    targets: {},
  });

  it('takes the plan’s events, planned ones no code sends included, and inferred ones elsewhere', () => {
    const [checkout, search] = linkedKpiFeatures(
      [
        model('checkout', true, { value: [], activation: [link('checkout_started', 'gated-branch')] }),
        model('search', false, {
          discovery: [link('$feature_flag_called', 'exposure'), link('search_shown', 'name')],
        }),
      ],
      [plan('checkout', ['order_completed'])],
    );
    assert.deepEqual(checkout, {
      key: 'checkout',
      discovery: [],
      activation: ['checkout_started'],
      value: ['order_completed'],
      exposureFlags: [],
    });
    // Exposure links count the flag SDK's exposure event (the KPI settings name it), for the flags.
    assert.deepEqual(search, {
      key: 'search',
      discovery: ['search_shown'],
      activation: [],
      value: [],
      exposureFlags: ['search'],
    });
  });
});
