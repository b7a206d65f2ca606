// Turns the rows of ./live-query.ts into the live figures: every feature gets every day of the trend
// and every bin of its histograms, zeros included, so charts need not fill gaps.
import type { KpiWindows } from '../../core/plan/model';
import { humanDuration } from '../../core/humanise';
import type { KpiFeature } from '../model';
import { binEdges, DAY_MS, trendDays } from './live-query';
import type { DailyPoint, EventActivity, FeatureLive, HistogramBin, LiveFigures } from './result';

type Row = Record<string, unknown>;

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

export interface LiveRows {
  daily: Row[];
  histograms: Row[];
  integrity: Row[];
  activity: Row[];
  latest: number | null;
}

export function assembleLive(
  features: readonly KpiFeature[],
  windows: KpiWindows,
  nowMs: number,
  rows: LiveRows,
): LiveFigures {
  const { first, last } = trendDays(nowMs);
  const out: Record<string, FeatureLive> = {};
  features.forEach((f, i) => {
    const daily: DailyPoint[] = [];
    for (let d = first; d <= last; d++) {
      const day = new Date(d * DAY_MS).toISOString().slice(0, 10);
      const count = (m: string) =>
        num(rows.daily.find((r) => num(r.f) === i && r.m === m && num(r.day) === d)?.n);
      daily.push({ day, discovered: count('D'), activated: count('A') });
    }
    const integrity = rows.integrity.find((r) => num(r.f) === i);
    out[f.key] = {
      daily,
      ittvHistogram: histogram(rows.histograms, i, 'ittv', windows.ittv),
      sttvHistogram: histogram(rows.histograms, i, 'sttv', windows.sttv),
      discoveredRecently: num(integrity?.recent_d),
      activatedAny: num(integrity?.act_any),
      activatedWithoutDiscovery: num(integrity?.act_wo),
    };
  });
  const events: Record<string, EventActivity> = {};
  for (const r of rows.activity) {
    events[String(r.event)] = {
      last7d: num(r.n7),
      last28d: num(r.n28),
      users28d: num(r.u28),
      lastSeen: r.last_ts === null || r.last_ts === undefined ? null : iso(num(r.last_ts)),
    };
  }
  return { features: out, events, latestEvent: rows.latest === null ? null : iso(rows.latest) };
}

function histogram(rows: Row[], f: number, kind: string, window: number): HistogramBin[] {
  const edges = binEdges(window);
  return edges.slice(0, -1).map((lo, b) => {
    const hi = edges[b + 1]!;
    const label = lo === 0 ? `<${humanDuration(hi)}` : `${humanDuration(lo)}–${humanDuration(hi)}`;
    const users = num(rows.find((r) => num(r.f) === f && r.k === kind && num(r.b) === b)?.n);
    return { lo, hi, label, users };
  });
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
