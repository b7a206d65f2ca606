// The KPI formulas of DESIGN §4, written once as SQL over a normalised events relation
// `(user_id, event, ts_ms, <properties>)` that is already de-duplicated and cut at `asOf`.
// Every engine-specific construct goes through the Dialect. The query returns one row per feature
// with the counts, sums and percentiles behind each KPI; ../assemble.ts turns them into rates.
//
// Shape of the computation (u = user, f = feature):
//   me  milestone events: (u, f, m, ts) for every event in a feature's D/A/V list (and exposures)
//   ml  per (u, f): tD = first D event, and the lists of A and V timestamps
//   a   tA(u,f) = first A event at or after tD
//   uf  tV(u,f) = first V event at or after tA, and the adoption days within [tA, tA+W]
//   u0  t0(u) = first event of any kind (TTBV's anchor)
//   trv trial users (first trial-start event tT <= now-H) and their revenue within [tT, tT+H]
// Maturity cut-offs are inclusive (`anchor <= now - W`), windows too (`delta <= W`).
import type { KpiFeature, KpiFormulaSettings } from '../model';
import type { Cte, Dialect, PropertyUse, ValueColumn } from './dialect';

export const PERCENTILES = [0.5, 0.9];

const INT = (name: string): ValueColumn => ({ name, type: 'int' });
const TEXT = (name: string): ValueColumn => ({ name, type: 'text' });

/** Milestone codes used in the `me` relation. */
const D = 'D';
const A = 'A';
const V = 'V';

export interface KpiQueryInput {
  dialect: Dialect;
  /** The normalised events relation: a table name or a parenthesised sub-query. */
  events: string;
  features: KpiFeature[];
  settings: KpiFormulaSettings;
  /** asOf in epoch milliseconds. */
  nowMs: number;
}

/** The properties the formulas read: sources that pre-extract properties extract these. */
export function propertiesUsed(settings: KpiFormulaSettings): PropertyUse[] {
  return [
    { name: settings.revenueProperty, as: 'number' },
    { name: settings.exposureFlagProperty, as: 'string' },
  ];
}

/**
 * The relations every per-feature figure starts from (see the shape above): `fl`, `fm`, `fx`, `me`,
 * `ml`, `a` and `uf`. Exported so that other queries over the same milestones (the editor's live
 * figures, ../live/live-query.ts) use the very same definitions.
 */
export function userFeatureCtes(input: KpiQueryInput): Cte[] {
  const { dialect: q, events, features, settings } = input;
  const ms = (seconds: number) => Math.round(seconds * 1000);
  const w = settings.windows;
  const flag = q.stringProperty(settings.exposureFlagProperty);

  const milestoneRows: (string | number)[][] = [];
  const exposureRows: (string | number)[][] = [];
  features.forEach((f, i) => {
    for (const e of new Set(f.discovery)) milestoneRows.push([i, D, e]);
    for (const e of new Set(f.activation)) milestoneRows.push([i, A, e]);
    for (const e of new Set(f.value)) milestoneRows.push([i, V, e]);
    for (const flagKey of new Set(f.exposureFlags)) exposureRows.push([i, flagKey]);
  });
  const featureRows = features.map((_, i) => [i]);

  return [
    { name: 'fl', sql: q.values([INT('f')], featureRows) },
    { name: 'fm', sql: q.values([INT('f'), TEXT('m'), TEXT('event')], milestoneRows) },
    { name: 'fx', sql: q.values([INT('f'), TEXT('flag')], exposureRows) },
    {
      name: 'me',
      sql: `SELECT ev.user_id AS u, fm.f AS f, fm.m AS m, ev.ts_ms AS ts
FROM ${events} AS ev JOIN fm ON ev.event = fm.event
UNION ALL
SELECT ev.user_id AS u, fx.f AS f, ${q.string(D)} AS m, ev.ts_ms AS ts
FROM ${events} AS ev JOIN fx ON ${flag} = fx.flag
WHERE ev.event = ${q.string(settings.exposureEvent)}`,
    },
    {
      // One pass per (user, feature): tD, and the A and V timestamps to search for tA and tV.
      name: 'ml',
      sql: `SELECT u, f, ${q.minIf('ts', `m = ${q.string(D)}`)} AS td,
  ${q.listIf('ts', `m = ${q.string(A)}`)} AS al, ${q.listIf('ts', `m = ${q.string(V)}`)} AS vl
FROM me GROUP BY u, f`,
    },
    {
      name: 'a',
      sql: `SELECT u, f, td, al, vl, ${q.listMinAtLeast('al', 'td')} AS ta FROM ml WHERE td IS NOT NULL`,
    },
    {
      name: 'uf',
      sql: `SELECT u, f, td, ta, ${q.listMinAtLeast('vl', 'ta')} AS tv,
  ${q.listDistinctDays(['al', 'vl'], 'ta', `ta + ${ms(w.adoption)}`)} AS adopt_days
FROM a`,
    },
  ];
}

/** One row per feature, ordered by feature index `f`; columns as ../assemble.ts FeatureFigures. */
export function kpiQuery(input: KpiQueryInput): string {
  const { dialect: q, events, settings } = input;
  const ms = (seconds: number) => Math.round(seconds * 1000);
  const now = Math.round(input.nowMs);
  const w = settings.windows;
  const cut = (seconds: number) => String(now - ms(seconds));
  const rev = q.numberProperty(settings.revenueProperty);

  const ctes = [
    ...userFeatureCtes(input),
    durationAggregates(q, input, ms, cut),
    { name: 'u0', sql: `SELECT user_id AS u, min(ts_ms) AS t0 FROM ${events} GROUP BY user_id` },
    {
      name: 'nu',
      sql: `SELECT u, t0 FROM u0 WHERE t0 >= ${now - ms(w.analysis)} AND t0 <= ${cut(w.ttbv)}`,
    },
    { name: 'nun', sql: `SELECT count(*) AS ttbv_n FROM nu` },
    {
      name: 'tb',
      sql: `SELECT uf.f AS f, count(*) AS ttbv_c,
  ${q.quantilesIf(q.msToSeconds('uf.tv - nu.t0'), PERCENTILES, 'true')} AS ttbv_q
FROM uf JOIN nu ON nu.u = uf.u
WHERE uf.tv - nu.t0 <= ${ms(w.ttbv)}
GROUP BY uf.f`,
    },
    {
      name: 'tr',
      sql: `SELECT user_id AS u, min(ts_ms) AS tt FROM ${events}
WHERE event = ${q.string(settings.trialStartEvent)}
GROUP BY user_id
HAVING min(ts_ms) <= ${cut(w.rptu)}`,
    },
    {
      name: 'trv',
      sql: `SELECT tr.u AS u, tr.tt AS tt,
  coalesce(${q.sumIf(rev, `ev.ts_ms >= tr.tt AND ev.ts_ms <= tr.tt + ${ms(w.rptu)}`)}, 0) AS rev
FROM tr JOIN ${events} AS ev ON ev.user_id = tr.u
GROUP BY tr.u, tr.tt`,
    },
    {
      // Every (feature, trial user) pair, and whether the user activated the feature in the horizon.
      name: 'tf',
      sql: `SELECT fl.f AS f, trv.rev AS rev,
  CASE WHEN uf.ta IS NOT NULL AND uf.ta <= trv.tt + ${ms(w.rptu)} THEN 1 ELSE 0 END AS act
FROM fl CROSS JOIN trv LEFT JOIN uf ON uf.u = trv.u AND uf.f = fl.f`,
    },
    {
      name: 'rp',
      sql: `SELECT f, count(*) AS rp_n, sum(rev) AS rp_s,
  ${q.countIf('act = 1')} AS rp_an, ${q.sumIf('rev', 'act = 1')} AS rp_as,
  ${q.countIf('act = 0')} AS rp_nn, ${q.sumIf('rev', 'act = 0')} AS rp_ns
FROM tf GROUP BY f`,
    },
  ];

  const zero = (expr: string) => `coalesce(${expr}, 0)`;
  const body = `SELECT fl.f AS f,
  ${zero('fa.discovered')} AS discovered, ${zero('fa.activated')} AS activated, ${zero('fa.valued')} AS valued,
  ${zero('fa.act_n')} AS act_n, ${zero('fa.act_c')} AS act_c,
  ${zero('fa.ittv_n')} AS ittv_n, ${zero('fa.ittv_c')} AS ittv_c, fa.ittv_q AS ittv_q,
  ${zero('fa.sttv_n')} AS sttv_n, ${zero('fa.sttv_c')} AS sttv_c, fa.sttv_q AS sttv_q,
  nun.ttbv_n AS ttbv_n, ${zero('tb.ttbv_c')} AS ttbv_c, tb.ttbv_q AS ttbv_q,
  ${zero('fa.ad_n')} AS ad_n, ${zero('fa.ad_c')} AS ad_c,
  ${zero('rp.rp_n')} AS rp_n, rp.rp_s AS rp_s, ${zero('rp.rp_an')} AS rp_an, rp.rp_as AS rp_as,
  ${zero('rp.rp_nn')} AS rp_nn, rp.rp_ns AS rp_ns
FROM fl
LEFT JOIN fa ON fa.f = fl.f
LEFT JOIN tb ON tb.f = fl.f
LEFT JOIN rp ON rp.f = fl.f
CROSS JOIN nun
ORDER BY fl.f`;
  return q.withQueries(ctes, body);
}

/** Per-feature counts and percentiles over `uf`: activation, ITTV, STTV, adoption. */
function durationAggregates(
  q: Dialect,
  input: KpiQueryInput,
  ms: (s: number) => number,
  cut: (s: number) => string,
) {
  const w = input.settings.windows;
  const mature = (anchor: string, seconds: number) => `${anchor} <= ${cut(seconds)}`;
  const within = (delta: string, seconds: number) => `${delta} <= ${ms(seconds)}`;
  const ittvIn = `${mature('td', w.ittv)} AND ${within('ta - td', w.ittv)}`;
  const sttvIn = `${mature('td', w.sttv)} AND ${within('tv - td', w.sttv)}`;
  return {
    name: 'fa',
    sql: `SELECT f, count(*) AS discovered, count(ta) AS activated, count(tv) AS valued,
  ${q.countIf(mature('td', w.activation))} AS act_n,
  ${q.countIf(`${mature('td', w.activation)} AND ${within('ta - td', w.activation)}`)} AS act_c,
  ${q.countIf(mature('td', w.ittv))} AS ittv_n,
  ${q.countIf(ittvIn)} AS ittv_c,
  ${q.quantilesIf(q.msToSeconds('ta - td'), PERCENTILES, ittvIn)} AS ittv_q,
  ${q.countIf(mature('td', w.sttv))} AS sttv_n,
  ${q.countIf(sttvIn)} AS sttv_c,
  ${q.quantilesIf(q.msToSeconds('tv - td'), PERCENTILES, sttvIn)} AS sttv_q,
  ${q.countIf(mature('ta', w.adoption))} AS ad_n,
  ${q.countIf(`${mature('ta', w.adoption)} AND adopt_days >= 2`)} AS ad_c
FROM uf GROUP BY f`,
  };
}
