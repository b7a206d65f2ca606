import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { humanDuration } from '../../../server/src/core/humanise';
import { runCli } from '../../helpers/cli';
import { DAY_MS, ev, HOUR_MS, NO_TRIALS, tempDir } from '../../helpers/kpi';

const T = Date.UTC(2026, 0, 1);
const AS_OF = '2026-04-11T00:00:00Z'; // T + 100 days
const PLAN = `features:
  checkout-v2:
    discovery: [checkout_viewed]
    activation: [checkout_started]
    value: [order_completed]
  ai-search:
    flag: ai-search
    activation: [ai_search_used]
kpis:
  events: events/*.ndjson
`;

describe('activation-lens kpis', function () {
  this.timeout(60_000);
  let dir: string;

  before(() => {
    dir = tempDir();
    fs.writeFileSync(path.join(dir, 'activation-lens.yaml'), PLAN);
    fs.mkdirSync(path.join(dir, 'src'));
    // PostHog logs `$feature_flag_called` on this check: exposure is ai-search's discovery.
    fs.writeFileSync(
      path.join(dir, 'src', 'search.ts'),
      `import posthog from 'posthog-js';\nexport const on = posthog.isFeatureEnabled('ai-search');\n`,
    );
    fs.mkdirSync(path.join(dir, 'events'));
    const lines = [
      ev('u1', 'checkout_viewed', T),
      ev('u1', 'checkout_started', T + 19 * 60_000 + 23_000),
      ev('u1', 'order_completed', T + 3 * HOUR_MS),
      ev('u2', 'checkout_viewed', T + DAY_MS),
      ev('u3', '$feature_flag_called', T, { properties: { $feature_flag: 'ai-search' } }),
      ev('u3', 'ai_search_used', T + 60_000),
      'not json',
    ];
    fs.writeFileSync(path.join(dir, 'events', 'a.ndjson'), lines.join('\n'));
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints the JSON contract: asOf, source, rejected rows, KPIs per plan feature', () => {
    const r = runCli(['kpis', dir, '--format', 'json', '--as-of', AS_OF]);
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
    const out = JSON.parse(r.stdout);
    assert.equal(out.asOf, '2026-04-11T00:00:00.000Z');
    assert.equal(out.source, 'duckdb');
    assert.equal(out.rejected, 1);
    assert.deepEqual(out.rejectedSamples, [
      { file: path.join(dir, 'events', 'a.ndjson'), line: 7, reason: 'invalid JSON' },
    ]);
    assert.deepEqual(Object.keys(out.features), ['checkout-v2', 'ai-search']);
    const c = out.features['checkout-v2'];
    assert.deepEqual([c.discovered, c.activated, c.valued], [2, 1, 1]);
    assert.deepEqual([c.activationRate, c.activationMature], [0.5, 2]);
    assert.deepEqual(c.ittv, { p50: 1163, p90: 1163, reach: 0.5, n: 2, converted: 1 });
    assert.deepEqual(c.rptu, NO_TRIALS);
    const ai = out.features['ai-search'];
    assert.deepEqual([ai.discoveryFrom, ai.discovered, ai.activated], ['exposure', 1, 1]);
  });

  it('prints a table for people: humanised durations, percentages and the counts behind them', () => {
    const r = runCli(['kpis', dir, '--as-of', AS_OF]);
    assert.equal(r.status, 0);
    assert.match(
      r.stdout,
      /^KPIs as of 2026-04-11 00:00 UTC · source duckdb · 6 events\n1 malformed rows skipped\n/,
    );
    assert.match(r.stdout, /checkout-v2\n {2}Funnel +2 discovered → 1 activated → 1 valued\n/);
    assert.match(r.stdout, /Activation rate +50\.0% +1 of 2 mature users \(7d window\)/);
    assert.match(r.stdout, /ITTV +p50 19m 23s · p90 19m 23s +reach 50\.0% \(1 of 2, 24h window\)/);
    assert.match(r.stdout, /ai-search {2}\(discovery: flag exposure events\)/);
    assert.match(r.stdout, /Malformed rows \(1\): invalid JSON ×1\n {2}.*a\.ndjson:7 {2}invalid JSON/);
  });

  it('takes --events relative to the current folder and --plan from anywhere', () => {
    const other = tempDir();
    try {
      fs.writeFileSync(path.join(other, 'x.ndjson'), ev('z', 'checkout_viewed', T));
      const r = runCli(
        ['kpis', dir, '--events', 'x.ndjson', '--plan', path.join(dir, 'activation-lens.yaml'), '-f', 'json'],
        { cwd: other },
      );
      assert.equal(r.status, 0, r.stderr);
      assert.equal(JSON.parse(r.stdout).features['checkout-v2'].discovered, 1);
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });

  it('exits 2 with one line for unusable inputs', () => {
    const cases: [string[], RegExp][] = [
      [
        ['kpis', dir, '--events', 'nothing/*.ndjson'],
        /^activation-lens: no event files match nothing\/\*\.ndjson\n$/,
      ],
      [['kpis', dir, '--as-of', 'last week'], /^activation-lens: --as-of must be an ISO 8601 date/],
      [['kpis', dir, '--format', 'xml'], /^activation-lens: --format must be one of table, json/],
      [
        ['kpis', path.join(dir, 'src')],
        /^activation-lens: no event files: pass --events GLOB or set kpis\.events/,
      ],
    ];
    for (const [args, message] of cases) {
      const r = runCli(args);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trim().split('\n').length, 1);
    }
  });
});

describe('humanDuration', () => {
  it('reads like people write durations', () => {
    const cases: [number | null, string][] = [
      [null, '—'],
      [0, '0s'],
      [2.46, '2.5s'],
      [45, '45s'],
      [1162.6, '19m 23s'],
      [3600, '1h'],
      [15462.3, '4h 17m'],
      [90000, '1d 1h'],
      [86400 * 3, '3d'],
    ];
    for (const [seconds, text] of cases) assert.equal(humanDuration(seconds), text, String(seconds));
  });
});
