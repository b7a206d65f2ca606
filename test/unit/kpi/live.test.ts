// The editor's live figures on the real engine (DuckDB): daily trend, time-to-value histograms,
// activation without discovery, event activity and the newest event, on hand-computed event sets.
// The KPIs that come with them are the CLI's, to the digit.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { computeLive } from '../../../server/src/kpi/live/compute-live';
import { binEdges } from '../../../server/src/kpi/live/live-query';
import { DAY_MS, ev, feature, HOUR_MS, kpisOf, settingsWith, tempDir } from '../../helpers/kpi';

const AS_OF = Date.UTC(2026, 5, 30); // 2026-06-30T00:00Z
const MIN = 60_000;

async function live(lines: string[], eventNames: string[] = []) {
  const dir = tempDir();
  try {
    fs.writeFileSync(path.join(dir, 'events.ndjson'), lines.join('\n') + '\n');
    return await computeLive({
      settings: settingsWith({ events: ['events.ndjson'] }),
      features: [feature('f', ['seen'], ['used'], ['done'])],
      eventNames,
      baseDir: dir,
      asOf: new Date(AS_OF).toISOString(),
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('live figures (DuckDB)', () => {
  const d1 = AS_OF - 20 * DAY_MS; // June 10, mature for ITTV and STTV
  const lines = [
    ev('a', 'seen', d1),
    ev('a', 'used', d1 + 30 * MIN), // ITTV 30m
    ev('a', 'done', d1 + 2 * HOUR_MS), // STTV 2h
    ev('b', 'seen', d1 + HOUR_MS),
    ev('b', 'used', d1 + 5 * HOUR_MS), // ITTV 4h
    ev('c', 'used', d1), // activates with no discovery at all
    ev('d', 'used', d1 - DAY_MS), // activates before discovering
    ev('d', 'seen', d1),
    ev('e', 'seen', AS_OF - DAY_MS - 1), // June 28, 23:59:59.999
    ev('e', 'other', AS_OF - 40 * DAY_MS), // first event of e, long before
    ev('x', 'seen', AS_OF + HOUR_MS), // after asOf: ignored
  ];

  it('gives the same KPIs as the engine the CLI runs', async () => {
    const { result } = await live(lines);
    const cli = await kpisOf(lines, [feature('f', ['seen'], ['used'], ['done'])], { asOf: AS_OF });
    assert.deepEqual(result, cli);
  });

  it('counts first discoveries and activations per UTC day over the last 30 days', async () => {
    const f = (await live(lines)).live!.features.f!;
    assert.equal(f.daily.length, 30);
    assert.equal(f.daily[0]!.day, '2026-05-31');
    assert.equal(f.daily[29]!.day, '2026-06-29');
    const byDay = Object.fromEntries(
      f.daily.filter((d) => d.discovered || d.activated).map((d) => [d.day, d]),
    );
    // a, b, d discovered on June 10 (d's activation the day before does not count: tA >= tD);
    // a and b activated that day; e discovered on June 28.
    assert.deepEqual(byDay, {
      '2026-06-10': { day: '2026-06-10', discovered: 3, activated: 2 },
      '2026-06-28': { day: '2026-06-28', discovered: 1, activated: 0 },
    });
  });

  it('bins times to value over exactly the users the percentiles use', async () => {
    const f = (await live(lines)).live!.features.f!;
    const users = (bins: typeof f.ittvHistogram) =>
      Object.fromEntries(bins.filter((b) => b.users).map((b) => [b.label, b.users]));
    assert.deepEqual(users(f.ittvHistogram), { '15m–1h': 1, '3h–6h': 1 });
    assert.deepEqual(users(f.sttvHistogram), { '1h–3h': 1 });
    // Every bin is there, up to the KPI's window.
    assert.deepEqual(
      f.ittvHistogram.map((b) => b.label),
      ['<1m', '1m–5m', '5m–15m', '15m–1h', '1h–3h', '3h–6h', '6h–12h', '12h–1d'],
    );
    assert.equal(f.sttvHistogram.at(-1)!.label, '7d–14d');
    assert.deepEqual(binEdges(86_400).at(-1), 86_400);
  });

  it('counts users who activate with no discovery at or before their first activation', async () => {
    const f = (await live(lines)).live!.features.f!;
    // a, b discovered first; c never; d only after.
    assert.equal(f.activatedAny, 4);
    assert.equal(f.activatedWithoutDiscovery, 2);
    // Discovered in the 28 days before asOf: a, b, d (June 10) and e (June 28).
    assert.equal(f.discoveredRecently, 4);
  });

  it('reports each named event’s activity, and the newest event at or before asOf', async () => {
    const l = (await live(lines, ['seen', 'used', 'never_sent'])).live!;
    assert.deepEqual(l.events.seen, {
      last7d: 1,
      last28d: 4,
      users28d: 4,
      lastSeen: new Date(AS_OF - DAY_MS - 1).toISOString(),
    });
    assert.deepEqual(l.events.used, {
      last7d: 0,
      last28d: 4,
      users28d: 4,
      lastSeen: new Date(d1 + 5 * HOUR_MS).toISOString(),
    });
    assert.equal(l.events.never_sent, undefined);
    assert.equal(l.latestEvent, new Date(AS_OF - DAY_MS - 1).toISOString());
  });
});
