// SQL of the live figures (./result.ts), written once against the Dialect like the KPI formulas, over
// the per-(user, feature) relation of ../sql/kpi-query.ts userFeatureQuery (`uf`: tD, tA, tV, the
// first activation event a0 and the last discovery dl) and the normalised `events` relation.
import type { KpiWindows } from '../../core/plan/model';
import type { Dialect } from '../sql/dialect';

export const DAY_MS = 86_400_000;
/** Days of the trend sparkline. */
export const TREND_DAYS = 30;
/** The "recent" window of event activity and dead events. */
export const RECENT_DAYS = 28;

/** Bin edges of time-to-value histograms, in seconds; bins past a KPI's window are dropped. */
export const BIN_EDGES = [
  0,
  60,
  5 * 60,
  15 * 60,
  3600,
  3 * 3600,
  6 * 3600,
  12 * 3600,
  86_400,
  2 * 86_400,
  4 * 86_400,
  7 * 86_400,
  14 * 86_400,
  30 * 86_400,
];

/** The bin edges used for a window: every edge below it, then the window itself. */
export function binEdges(windowSeconds: number): number[] {
  return [...BIN_EDGES.filter((e) => e < windowSeconds), windowSeconds];
}

/** The UTC day numbers of the trend: 30 days, the last one holding the last moment before asOf. */
export function trendDays(nowMs: number): { first: number; last: number } {
  const last = Math.floor((nowMs - 1) / DAY_MS);
  return { first: last - (TREND_DAYS - 1), last };
}

/** Rows `(f, m, day, n)`: first discoveries (m = 'D') and first activations ('A') per UTC day. */
export function dailyQuery(q: Dialect, uf: string, nowMs: number): string {
  const from = trendDays(nowMs).first * DAY_MS;
  return `SELECT f, 'D' AS m, ${q.utcDay('td')} AS day, count(*) AS n FROM ${uf}
WHERE td >= ${from} GROUP BY f, ${q.utcDay('td')}
UNION ALL
SELECT f, 'A' AS m, ${q.utcDay('ta')} AS day, count(*) AS n FROM ${uf}
WHERE ta IS NOT NULL AND ta >= ${from} GROUP BY f, ${q.utcDay('ta')}`;
}

/**
 * Rows `(f, k, b, n)`: users per time-to-value bin `b` (index into binEdges(window)) for k = 'ittv'
 * (tA − tD) and 'sttv' (tV − tD), over exactly the users those KPIs' percentiles are taken over.
 */
export function histogramQuery(q: Dialect, uf: string, windows: KpiWindows, nowMs: number): string {
  const part = (kind: 'ittv' | 'sttv', to: 'ta' | 'tv') => {
    const w = windows[kind];
    const edges = binEdges(w).map((e) => e * 1000);
    const delta = `(${to} - td)`;
    const bucket = edges
      .slice(1, -1)
      .map((edge, i) => `WHEN ${delta} < ${edge} THEN ${i}`)
      .join(' ');
    const b = bucket ? `CASE ${bucket} ELSE ${edges.length - 2} END` : '0';
    return `SELECT f, '${kind}' AS k, ${b} AS b, count(*) AS n FROM ${uf}
WHERE td <= ${nowMs - w * 1000} AND ${to} IS NOT NULL AND ${delta} <= ${w * 1000}
GROUP BY f, ${b}`;
  };
  return `${part('ittv', 'ta')}\nUNION ALL\n${part('sttv', 'tv')}`;
}

/**
 * Rows `(f, recent_d, act_any, act_wo)`: users discovered in the last 28 days; users who sent an
 * activation event; those of them with no discovery at or before their first activation.
 */
export function integrityQuery(q: Dialect, uf: string, nowMs: number): string {
  const recent = nowMs - RECENT_DAYS * DAY_MS;
  return `SELECT f, ${q.countIf(`dl > ${recent}`)} AS recent_d, ${q.countIf('a0 IS NOT NULL')} AS act_any,
  ${q.countIf('a0 IS NOT NULL AND (td IS NULL OR td > a0)')} AS act_wo
FROM ${uf}
GROUP BY f`;
}

/** Rows `(event, n7, n28, u28, last_ts)` for the named events that occur at all. */
export function activityQuery(q: Dialect, events: string, names: readonly string[], nowMs: number): string {
  const week = nowMs - 7 * DAY_MS;
  const month = nowMs - RECENT_DAYS * DAY_MS;
  const list = names.map((n) => q.string(n)).join(', ');
  return `SELECT event, ${q.countIf(`ts_ms > ${week}`)} AS n7, ${q.countIf(`ts_ms > ${month}`)} AS n28,
  ${q.countDistinctIf('user_id', `ts_ms > ${month}`)} AS u28, max(ts_ms) AS last_ts
FROM ${events} WHERE event IN (${list})
GROUP BY event`;
}

/** One row `(last_ts)`: the newest event. */
export function latestEventQuery(events: string): string {
  return `SELECT max(ts_ms) AS last_ts FROM ${events}`;
}
