// The KPI formulas of DESIGN §4, written once as SQL over a normalised events relation
// `(user_id, event, ts_ms, prop_<i>)` that is already de-duplicated and cut at `asOf`. Every
// engine-specific construct goes through the Dialect. The query returns one row per feature with
// the counts, sums and percentiles behind each KPI; ../assemble.ts turns them into rates.
//
// The events are read ONCE, in nested steps (no sub-query is used twice, so engines without
// `WITH <sub-query>`, such as ClickHouse 18.16, compute nothing twice, and a cluster scans once):
//   pu  per user: t0 (first event), tT (first trial start), the revenue events, and per feature
//       tD (first D event) and the lists of A and V timestamps;
//   pt  per user: revenue within the trial horizon [tT, tT+H];
//   uk  one row per (user, feature k) the user discovered or, for mature trial users, every k;
//       and one row k = F per user (the user-level row: TTBV's population). `n` is how many
//       users a row stands for: 1, except where the milestones are found by a join (DuckDB), whose
//       mature trial users without a discovery of k are one row per k, with n and their revenue;
//   ua  tA = first A event at or after tD;
//   uv  tV = first V event at or after tA, the adoption days within [tA, tA+W], trial flags;
//   then one aggregate per k.
// Maturity cut-offs are inclusive (`anchor <= now - W`), windows too (`delta <= W`).
import type { KpiFeature, KpiFormulaSettings } from '../model';
import { type Dialect, inList, propertyColumn, type PropertyUse } from './dialect';

export const PERCENTILES = [0.5, 0.9];

export interface KpiQueryInput {
  dialect: Dialect;
  /** The normalised events relation: a table name or a parenthesised sub-query with an alias. */
  events: string;
  /** At least one feature (with none there is nothing to compute: sources skip the query). */
  features: KpiFeature[];
  settings: KpiFormulaSettings;
  /** asOf in epoch milliseconds. */
  nowMs: number;
}

/** The properties the formulas read: sources extract these into the columns `prop_<i>`. */
export function propertiesUsed(settings: KpiFormulaSettings): PropertyUse[] {
  return [
    { name: settings.revenueProperty, as: 'number' },
    { name: settings.exposureFlagProperty, as: 'string' },
  ];
}

const REVENUE = propertyColumn(0);
const FLAG = propertyColumn(1);

/** The discovery condition of each feature: a D event, or an exposure to one of its flags. */
function discoveryConditions(input: KpiQueryInput): string[] {
  const { dialect: q, features, settings } = input;
  return features.map((f) => {
    const exposure = f.exposureFlags.length
      ? `(event = ${q.string(settings.exposureEvent)} AND ${inList(q, FLAG, f.exposureFlags)})`
      : '(1 = 0)';
    return `(${inList(q, 'event', f.discovery)} OR ${exposure})`;
  });
}

/**
 * Per-user columns of every milestone, one list element per feature: `tds` (first D event) and
 * the lists `als`, `vls` of A and V timestamps. Shared by the KPIs and the live figures so that
 * both read the milestones with the very same definitions.
 */
function milestoneColumns(input: KpiQueryInput): string {
  const { dialect: q, features } = input;
  return `${q.list(discoveryConditions(input).map((d) => q.minIf('ts_ms', d)))} AS tds,
  ${q.list(features.map((f) => q.listIf('ts_ms', inList(q, 'event', f.activation))))} AS als,
  ${q.list(features.map((f) => q.listIf('ts_ms', inList(q, 'event', f.value))))} AS vls`;
}

/**
 * Rows `(u, f, td, ta, tv, a0, dl)` per user and feature the user discovered or sent an activation
 * event of: tD, tA, tV as in the KPIs, and for the live integrity figures a0 (the first activation
 * event at any time) and dl (the last discovery). One pass over the events, like kpiQuery.
 */
export function userFeatureQuery(input: KpiQueryInput): string {
  const { dialect: q, events, features } = input;
  if (!features.length) throw new Error('userFeatureQuery needs at least one feature');
  const pu = `SELECT user_id AS u, ${milestoneColumns(input)},
  ${q.list(features.map((f) => q.minIf('ts_ms', inList(q, 'event', f.activation))))} AS a0s,
  ${q.list(discoveryConditions(input).map((d) => q.maxIf('ts_ms', d)))} AS dls
FROM ${events}
GROUP BY user_id`;
  const uk = `SELECT u, f, ${q.element('tds', 'f + 1')} AS td, ${q.element('als', 'f + 1')} AS al,
  ${q.element('vls', 'f + 1')} AS vl, ${q.element('a0s', 'f + 1')} AS a0, ${q.element('dls', 'f + 1')} AS dl
FROM (SELECT u, tds, als, vls, a0s, dls, ${q.unnest(q.range(features.length))} AS f FROM (${pu}) AS pu) AS pk`;
  const ua = `SELECT u, f, td, vl, a0, dl, ${q.listMinAtLeast('al', 'td')} AS ta
FROM (${uk}) AS uk
WHERE td IS NOT NULL OR a0 IS NOT NULL`;
  return `SELECT u, f, td, ta, ${q.listMinAtLeast('vl', 'ta')} AS tv, a0, dl FROM (${ua}) AS ua`;
}

/**
 * Rows `f` = 0 … F−1 for the features that have any figure (a feature without a row has only
 * zeros), and the user-level row `f` = F, whose `ttbv_n` holds for every feature. Columns as
 * ../assemble.ts FeatureFigures.
 */
export function kpiQuery(input: KpiQueryInput): string {
  const { dialect: q, events, features, settings } = input;
  if (!features.length) throw new Error('kpiQuery needs at least one feature');
  const ms = (seconds: number) => Math.round(seconds * 1000);
  const now = Math.round(input.nowMs);
  const w = settings.windows;
  const cut = (seconds: number) => String(now - ms(seconds));
  const F = features.length;

  const trial = `tt IS NOT NULL AND tt <= ${cut(w.rptu)}`;
  const userColumns = `user_id AS u, min(ts_ms) AS t0,
  ${q.minIf('ts_ms', `event = ${q.string(settings.trialStartEvent)}`)} AS tt,
  ${q.pairListIf('ts_ms', REVENUE, `${REVENUE} IS NOT NULL`)} AS revs`;
  const revenue = `${q.pairSumWithin('revs', 'tt', `tt + ${ms(w.rptu)}`)} AS rev`;
  const uk = q.joinsMilestones
    ? milestoneRowsByJoin(
        input,
        `SELECT ${userColumns} FROM ${events} GROUP BY user_id`,
        revenue,
        trial,
        cut(w.rptu),
      )
    : milestoneRowsByUser(
        input,
        `SELECT ${userColumns},
  ${milestoneColumns(input)}
FROM ${events}
GROUP BY user_id`,
        revenue,
      );

  const ua = `SELECT u, t0, tt, rev, k, td, al, vl, n, ${q.listMinAtLeast('al', 'td')} AS ta
FROM (${uk}) AS uk
WHERE k = ${F} OR td IS NOT NULL OR (${trial})`;

  const uv = `SELECT u, t0, tt, rev, k, td, ta, n, ${q.listMinAtLeast('vl', 'ta')} AS tv,
  ${q.listDistinctDays(['al', 'vl'], 'ta', `ta + ${ms(w.adoption)}`)} AS adopt_days,
  CASE WHEN ${trial} THEN 1 ELSE 0 END AS trial,
  CASE WHEN ta IS NOT NULL AND ta <= tt + ${ms(w.rptu)} THEN 1 ELSE 0 END AS act
FROM (${ua}) AS ua`;

  const mature = (anchor: string, seconds: number) => `${anchor} <= ${cut(seconds)}`;
  const within = (delta: string, seconds: number) => `${delta} <= ${ms(seconds)}`;
  const ittvIn = `${mature('td', w.ittv)} AND ${within('ta - td', w.ittv)}`;
  const sttvIn = `${mature('td', w.sttv)} AND ${within('tv - td', w.sttv)}`;
  const newUser = `t0 >= ${now - ms(w.analysis)} AND ${mature('t0', w.ttbv)}`;
  const ttbvIn = `${newUser} AND ${within('tv - t0', w.ttbv)}`;
  return `SELECT k AS f,
  ${q.countIf('td IS NOT NULL')} AS discovered,
  ${q.countIf('ta IS NOT NULL')} AS activated,
  ${q.countIf('tv IS NOT NULL')} AS valued,
  ${q.countIf(mature('td', w.activation))} AS act_n,
  ${q.countIf(`${mature('td', w.activation)} AND ${within('ta - td', w.activation)}`)} AS act_c,
  ${q.countIf(mature('td', w.ittv))} AS ittv_n,
  ${q.countIf(ittvIn)} AS ittv_c,
  ${q.quantilesIf(q.msToSeconds('ta - td'), PERCENTILES, ittvIn)} AS ittv_q,
  ${q.countIf(mature('td', w.sttv))} AS sttv_n,
  ${q.countIf(sttvIn)} AS sttv_c,
  ${q.quantilesIf(q.msToSeconds('tv - td'), PERCENTILES, sttvIn)} AS sttv_q,
  ${q.countIf(`k = ${F} AND ${newUser}`)} AS ttbv_n,
  ${q.countIf(ttbvIn)} AS ttbv_c,
  ${q.quantilesIf(q.msToSeconds('tv - t0'), PERCENTILES, ttbvIn)} AS ttbv_q,
  ${q.countIf(mature('ta', w.adoption))} AS ad_n,
  ${q.countIf(`${mature('ta', w.adoption)} AND adopt_days >= 2`)} AS ad_c,
  ${q.sumIf('n', 'trial = 1')} AS rp_n,
  ${q.sumIf('rev', 'trial = 1')} AS rp_s,
  ${q.sumIf('n', 'trial = 1 AND act = 1')} AS rp_an,
  ${q.sumIf('rev', 'trial = 1 AND act = 1')} AS rp_as,
  ${q.sumIf('n', 'trial = 1 AND act = 0')} AS rp_nn,
  ${q.sumIf('rev', 'trial = 1 AND act = 0')} AS rp_ns
FROM (${uv}) AS uv
GROUP BY k
ORDER BY k`;
}

/**
 * `uk` by per-user aggregates: one filtered aggregate per feature and milestone, unnested into one
 * row per (user, k). Engines without a fast join to a table of values (ClickHouse 18.16, HogQL).
 */
function milestoneRowsByUser(input: KpiQueryInput, pu: string, revenue: string): string {
  const { dialect: q, features } = input;
  const F = features.length;
  const pt = `SELECT u, t0, tt, ${revenue}, tds, als, vls\nFROM (${pu}) AS pu`;
  return `SELECT u, t0, tt, rev, k, ${q.element('tds', 'k + 1')} AS td,
  ${q.element('als', 'k + 1')} AS al, ${q.element('vls', 'k + 1')} AS vl, 1 AS n
FROM (SELECT u, t0, tt, rev, tds, als, vls, ${q.unnest(q.range(F + 1))} AS k FROM (${pt}) AS pt) AS pk`;
}

/**
 * `uk` by a join: each event matched to the (feature, milestone) pairs it is, through a table of
 * the milestone events, then grouped by (user, feature). Where the engine joins fast (DuckDB) this
 * is several times cheaper than one filtered aggregate per feature and milestone. The rows the KPIs
 * read are those of milestoneRowsByUser: the discovered features and the user-level row k = F, one
 * per user; the mature trial users who did not discover k count only towards RPTU (no tD, so no
 * other figure), so they are one row per k: how many (`n`) and their revenue summed.
 */
function milestoneRowsByJoin(
  input: KpiQueryInput,
  pu: string,
  revenue: string,
  trial: string,
  /** The trial-start cut-off (`cut(w.rptu)`): it stands for "a mature trial user" on the rows of several users. */
  matureTrial: string,
): string {
  const { dialect: q, events, features, settings } = input;
  const F = features.length;
  const pairs: string[] = [];
  features.forEach((f, k) => {
    const add = (m: string, list: string[]) =>
      new Set(list).forEach((e) => pairs.push(`(${k}, '${m}', ${q.string(e)})`));
    add('D', f.discovery);
    add('A', f.activation);
    add('V', f.value);
  });
  const flags = features.flatMap((f, k) =>
    [...new Set(f.exposureFlags)].map((flag) => `(${k}, ${q.string(flag)})`),
  );
  const byEvent = pairs.length
    ? `SELECT e.user_id AS u, m.k, m.m, e.ts_ms AS ts FROM ${events} AS e
  JOIN (VALUES ${pairs.join(', ')}) AS m(k, m, name) ON e.event = m.name`
    : null;
  const byExposure = flags.length
    ? `SELECT e.user_id AS u, x.k, 'D' AS m, e.ts_ms AS ts FROM ${events} AS e
  JOIN (VALUES ${flags.join(', ')}) AS x(k, flag) ON e.${FLAG} = x.flag
  WHERE e.event = ${q.string(settings.exposureEvent)}`
    : null;
  const matched = [byEvent, byExposure].filter((x): x is string => x !== null);
  const none = 'CAST(NULL AS BIGINT)';
  const noList = 'CAST(NULL AS BIGINT[])';
  const uf = matched.length
    ? `SELECT u, k, ${q.minIf('ts', "m = 'D'")} AS td, ${q.listIf('ts', "m = 'A'")} AS al,
  ${q.listIf('ts', "m = 'V'")} AS vl
FROM (${matched.join('\nUNION ALL\n')}) AS me
GROUP BY u, k
HAVING td IS NOT NULL`
    : `SELECT ${none} AS u, 0 AS k, ${none} AS td, ${noList} AS al, ${noList} AS vl WHERE false`;
  return `WITH pt AS (SELECT u, t0, tt, ${revenue} FROM (${pu}) AS pu),
uf AS (${uf}),
ud AS (SELECT u, t0, tt, rev, uf.k, uf.td, uf.al, uf.vl FROM uf JOIN pt USING (u)),
trials AS (SELECT count(*) AS n, sum(rev) AS rev FROM pt WHERE ${trial}),
discovering AS (SELECT k, count(*) AS n, sum(rev) AS rev FROM ud WHERE ${trial} GROUP BY k)
SELECT u, t0, tt, rev, ${F} AS k, ${none} AS td, ${noList} AS al, ${noList} AS vl, 1 AS n FROM pt
UNION ALL
SELECT u, t0, tt, rev, k, td, al, vl, 1 AS n FROM ud
UNION ALL
SELECT NULL, ${none}, ${matureTrial}, trials.rev - coalesce(d.rev, 0), r.k, ${none}, ${noList}, ${noList},
  trials.n - coalesce(d.n, 0)
FROM range(${F}) AS r(k) CROSS JOIN trials LEFT JOIN discovering AS d ON d.k = r.k
WHERE trials.n > coalesce(d.n, 0)`;
}
