// The few places where SQL engines disagree, behind one interface. The KPI formulas
// (./kpi-query.ts) are written once against it; each source renders them with its own dialect:
// DuckDB now, ClickHouse (18.16-compatible) and PostHog HogQL later.

export interface Cte {
  name: string;
  sql: string;
}

export interface Dialect {
  readonly name: string;
  /** A string literal. */
  string(value: string): string;
  /** An identifier (column or relation name). */
  ident(name: string): string;
  /**
   * Named sub-queries then the main query. DuckDB and HogQL use `WITH`; ClickHouse 18.16 has no
   * `WITH <subquery>`, so its dialect inlines them.
   */
  withQueries(ctes: Cte[], body: string): string;
  /** An inline table of literal rows (possibly none) with typed columns. */
  values(columns: ValueColumn[], rows: (string | number)[][]): string;
  countIf(condition: string): string;
  sumIf(expr: string, condition: string): string;
  minIf(expr: string, condition: string): string;
  countDistinctIf(expr: string, condition: string): string;
  /**
   * Exact percentiles with linear interpolation between closest ranks (type 7), as a list in the
   * order of `fractions`; empty input gives NULL (or an empty list).
   */
  quantilesIf(expr: string, fractions: number[], condition: string): string;
  /** The values of `expr` where `condition` holds, as a list (NULL or empty when none). */
  listIf(expr: string, condition: string): string;
  /** The smallest element of a list that is >= `bound` (NULL when none, or when bound is NULL). */
  listMinAtLeast(list: string, bound: string): string;
  /** How many distinct UTC days the elements of the lists within [lo, hi] fall on (0 when none). */
  listDistinctDays(lists: string[], lo: string, hi: string): string;
  /** Integer UTC day number of a millisecond timestamp. */
  utcDay(tsMs: string): string;
  /** A millisecond difference as seconds (floating point). */
  msToSeconds(expr: string): string;
  /** An event property as a finite number (JSON numbers, numeric strings), else NULL. */
  numberProperty(name: string): string;
  /** An event property as a string, else NULL. */
  stringProperty(name: string): string;
}

export interface ValueColumn {
  name: string;
  type: 'int' | 'text';
}

/** A property the formulas read, and as what. Sources that pre-extract properties use this list. */
export interface PropertyUse {
  name: string;
  as: 'number' | 'string';
}
