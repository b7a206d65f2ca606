// The few places where SQL engines disagree, behind one interface. The KPI formulas
// (./kpi-query.ts) are written once against it and rendered by each source with its own dialect:
// DuckDB (./duckdb-dialect.ts), ClickHouse 18.16 and later (./clickhouse-dialect.ts) and PostHog's
// HogQL (./hogql-dialect.ts).
//
// Conditions passed to the aggregates may be NULL (a comparison with a missing timestamp): NULL
// counts as false everywhere.

export interface Dialect {
  readonly name: string;
  /**
   * The engine joins the events to a small table of values (`VALUES`) and groups by (user, feature)
   * faster than it evaluates one filtered aggregate per feature and milestone (DuckDB): the KPI
   * query then finds the milestones by that join (see ./kpi-query.ts milestoneRowsByJoin).
   */
  readonly joinsMilestones?: boolean;
  /** A string literal. */
  string(value: string): string;
  countIf(condition: string): string;
  /** Sum of `expr` where `condition` holds; NULL or 0 when none (callers treat both as 0). */
  sumIf(expr: string, condition: string): string;
  /** The smallest `expr` where `condition` holds; NULL when none. */
  minIf(expr: string, condition: string): string;
  /** The largest `expr` where `condition` holds; NULL when none. */
  maxIf(expr: string, condition: string): string;
  /** How many distinct values of `expr` where `condition` holds. */
  countDistinctIf(expr: string, condition: string): string;
  /** The values of `expr` where `condition` holds, as a list (NULL or empty when none). */
  listIf(expr: string, condition: string): string;
  /** The pairs (`ts`, `value`) where `condition` holds, as a list (NULL or empty when none). */
  pairListIf(ts: string, value: string, condition: string): string;
  /**
   * Exact percentiles with linear interpolation between closest ranks (type 7), as a list in the
   * order of `fractions`; empty input gives NULL or a list that callers ignore (they check the count).
   */
  quantilesIf(expr: string, fractions: number[], condition: string): string;
  /** A list of the given expressions (at least one). */
  list(items: string[]): string;
  /** The `index`-th (1-based) element of a list: NULL (or an empty list) when out of range. */
  element(list: string, index: string): string;
  /** The integers 0 … n−1, as a list. */
  range(n: number): string;
  /** One row per element of the list (in a SELECT list, beside the other columns). */
  unnest(list: string): string;
  /** The smallest element of a list that is >= `bound` (NULL when none, or when bound is NULL). */
  listMinAtLeast(list: string, bound: string): string;
  /** How many distinct UTC days the elements of the lists within [lo, hi] fall on (0 when none). */
  listDistinctDays(lists: string[], lo: string, hi: string): string;
  /** The sum of the values of the pairs whose `ts` is within [lo, hi] (0 when none). */
  pairSumWithin(pairs: string, lo: string, hi: string): string;
  /** Integer UTC day number of a millisecond timestamp. */
  utcDay(tsMs: string): string;
  /** A millisecond difference as seconds (floating point). */
  msToSeconds(expr: string): string;
}

/** A property the formulas read, and as what. Sources extract these into columns `prop_<i>`. */
export interface PropertyUse {
  name: string;
  as: 'number' | 'string';
}

/** The column of the normalised events relation that holds the `index`-th property used. */
export function propertyColumn(index: number): string {
  return `prop_${index}`;
}

/** `expr IN (values)`, false when there are none. */
export function inList(q: Dialect, expr: string, values: Iterable<string>): string {
  const list = [...new Set(values)];
  return list.length ? `${expr} IN (${list.map((v) => q.string(v)).join(', ')})` : '(1 = 0)';
}
