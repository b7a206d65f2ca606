// Seeded random event sets full of the awkward cases of DESIGN §4 (ties, cut-offs at now − W ± 1 ms,
// duplicates by id, every timestamp form, malformed rows), for the property tests that hold every
// KPI source to the plain TypeScript reference. A failing case can be replayed from its seed.
import { strict as assert } from 'node:assert';
import type { KpiSettings } from '../../server/src/core/plan/model';
import type { KpiFeature } from '../../server/src/kpi/model';
// mulberry32, seeded.
import { rng } from '../../scripts/lib/synthetic-events';
import { DAY_MS, feature, settingsWith } from './kpi';

export const NOW = Date.UTC(2026, 10, 30);

export function generate(seed: number) {
  const r = rng(seed);
  const int = (n: number) => Math.floor(r() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  const chance = (p: number) => r() < p;

  const windowDays = () => 1 + int(20);
  const settings: KpiSettings = settingsWith({
    windows: {
      activation: windowDays() * 86_400,
      ittv: pick([3600, 86_400, 2 * 86_400]),
      sttv: windowDays() * 86_400,
      ttbv: windowDays() * 86_400,
      adoption: windowDays() * 86_400,
      rptu: windowDays() * 86_400,
      analysis: (20 + int(40)) * 86_400,
    },
  });
  const features: KpiFeature[] = [
    feature('alpha', ['a_seen'], ['a_used', 'shared'], ['a_done']),
    feature('beta', ['b_seen', 'shared'], ['b_used'], ['b_done', 'a_done']),
    feature('gamma', [], ['g_used'], ['g_done'], ['gamma-flag']),
    feature('delta', ['d_seen'], ['d_seen'], []),
  ];
  const names = [
    'a_seen',
    'a_used',
    'a_done',
    'shared',
    'b_seen',
    'b_used',
    'b_done',
    'g_used',
    'g_done',
    'd_seen',
    'page',
    'trial_started',
    'paid',
    '$feature_flag_called',
  ];
  const users = Array.from({ length: 3 + int(25) }, (_, i) => `user-${i}`);
  // Times cluster around the cut-offs (now − W, ±1 ms) and around a few anchors, so ties,
  // boundaries and window ends are hit often.
  const cutoffs = Object.values(settings.windows).map((s) => NOW - s * 1000);
  const anchors = [...cutoffs, NOW - 40 * DAY_MS, NOW - 10 * DAY_MS, NOW];
  const time = () => {
    if (chance(0.4)) return pick(cutoffs) + pick([-1, 0, 1, 0]);
    return pick(anchors) + pick([-1, 1]) * int(pick([1000, 3_600_000, 5 * DAY_MS]));
  };
  const formats = [
    (ms: number) => new Date(ms).toISOString(),
    (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z'),
    (ms: number) => ms,
    (ms: number) => String(ms),
    (ms: number) => ms + 0.75, // fractional epoch milliseconds are floored
    (ms: number) => new Date(ms).toISOString().replace('Z', '999+00:00'), // sub-ms digits dropped
    (ms: number) => {
      const shifted = new Date(ms + 2 * 3_600_000).toISOString();
      return shifted.replace('Z', '+02:00');
    },
    (ms: number) => {
      const shifted = new Date(ms - 5.5 * 3_600_000).toISOString();
      return shifted.replace('Z', '-0530');
    },
  ];
  const lines: string[] = [];
  const ids: string[] = [];
  const count = 20 + int(200);
  // A few users walk a funnel from their very first event, so TTBV and adoption have converters.
  const journeys = [
    ['page', 'a_seen', 'a_used', 'a_done', 'a_used'],
    ['b_seen', 'b_used', 'a_done', 'b_done'],
    ['$feature_flag_called', 'g_used', 'g_done', 'g_used'],
  ];
  const planned: { user: string; event: string; ts: number }[] = [];
  for (let j = 3 + int(6); j > 0; j--) {
    const user = `walker-${j}`;
    let ts = time();
    for (const event of pick(journeys)) {
      planned.push({ user, event, ts });
      ts += int(pick([60_000, 3_600_000, 3 * DAY_MS]));
    }
  }
  for (let i = 0; i < count + planned.length; i++) {
    const walk = i >= count ? planned[i - count]! : undefined;
    const user = walk?.user ?? pick(users);
    const row: Record<string, unknown> = {};
    const key = pick(['userId', 'userId', 'user_id', 'person_id', 'anonymousId', 'distinct_id']);
    row[key] = user;
    if (chance(0.1)) row.userId = ''; // empty keys are skipped
    if (chance(0.1)) row.person_id = null;
    const event = walk?.event ?? pick(names);
    row.event = event;
    row.timestamp = pick(formats)(walk?.ts ?? time());
    const props: Record<string, unknown> = {};
    if (event === '$feature_flag_called') props.$feature_flag = pick(['gamma-flag', 'other', 'gamma-flag']);
    if (chance(0.3) || event === 'paid') {
      props.revenue = pick<unknown>([
        Math.round(r() * 10_000) / 100,
        -Math.round(r() * 5000) / 100,
        String(Math.round(r() * 1000) / 10),
        'n/a',
        null,
        true,
        1e-7 * int(100),
      ]);
    }
    if (chance(0.9)) row.properties = props;
    else if (chance(0.5)) row.properties = 'not an object';
    if (chance(0.5)) {
      const id = chance(0.3) && ids.length ? pick(ids) : `id-${seed}-${i}`;
      ids.push(id);
      row[pick(['messageId', 'uuid', '$insert_id', 'insert_id'])] = id;
    }
    const line = JSON.stringify(row);
    lines.push(line);
    if (chance(0.05)) lines.push(line); // exact copies: deduplicated only when they carry an id
    if (chance(0.03)) lines.push('');
  }
  const malformed = [
    '{"event": "a_seen", "userId": "x", "timestamp": ',
    '["a_seen"]',
    '"just a string"',
    'null',
    '{"userId": "x", "timestamp": "2026-01-01T00:00:00Z"}',
    '{"event": 42, "userId": "x", "timestamp": "2026-01-01T00:00:00Z"}',
    '{"event": "a_seen", "userId": "", "anonymousId": 7, "timestamp": "2026-01-01T00:00:00Z"}',
    '{"event": "a_seen", "userId": "x"}',
    '{"event": "a_seen", "userId": "x", "timestamp": "last tuesday"}',
    '{"event": "a_seen", "userId": "x", "timestamp": true}',
    '{"event": "a_seen", "userId": "x", "timestamp": "2026-13-01T00:00:00Z"}',
    '   ',
  ];
  for (let i = int(6); i > 0; i--) lines.splice(int(lines.length), 0, pick(malformed));
  return { lines, settings, features };
}

/** Deep comparison: numbers to 1e-9 relative, everything else exactly. */
export function close(actual: unknown, expected: unknown, path: string): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    const scale = Math.max(1, Math.abs(expected));
    assert.ok(Math.abs(actual - expected) <= 1e-9 * scale, `${path}: ${actual} ≠ ${expected}`);
  } else if (expected !== null && typeof expected === 'object') {
    assert.ok(actual !== null && typeof actual === 'object', `${path}: ${String(actual)} is not an object`);
    assert.deepEqual(Object.keys(actual as object).sort(), Object.keys(expected).sort(), path);
    for (const [k, v] of Object.entries(expected))
      close((actual as Record<string, unknown>)[k], v, `${path}.${k}`);
  } else {
    assert.equal(actual, expected, path);
  }
}
