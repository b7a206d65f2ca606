// DuckDB's SQL. The DuckDB source pre-extracts the properties the formulas use into typed columns
// while it normalises the input (./duckdb/normalise.ts), so property access is a column read.
import type { Dialect } from './dialect';

export { propertyColumn } from './dialect';

export class DuckDbDialect implements Dialect {
  readonly name = 'duckdb';
  readonly joinsMilestones: boolean = true;

  string(value: string): string {
    // Standard SQL strings: backslashes are literal, quotes are doubled.
    return `'${value.replace(/'/g, "''")}'`;
  }

  countIf(condition: string): string {
    return `count(*) FILTER (WHERE ${condition})`;
  }

  sumIf(expr: string, condition: string): string {
    return `sum(${expr}) FILTER (WHERE ${condition})`;
  }

  minIf(expr: string, condition: string): string {
    return `min(${expr}) FILTER (WHERE ${condition})`;
  }

  maxIf(expr: string, condition: string): string {
    return `max(${expr}) FILTER (WHERE ${condition})`;
  }

  countDistinctIf(expr: string, condition: string): string {
    return `count(DISTINCT ${expr}) FILTER (WHERE ${condition})`;
  }

  listIf(expr: string, condition: string): string {
    return `list(${expr}) FILTER (WHERE ${condition})`;
  }

  pairListIf(ts: string, value: string, condition: string): string {
    return `list({'t': ${ts}, 'v': ${value}}) FILTER (WHERE ${condition})`;
  }

  quantilesIf(expr: string, fractions: number[], condition: string): string {
    return `quantile_cont(${expr}, [${fractions.join(', ')}]) FILTER (WHERE ${condition})`;
  }

  list(items: string[]): string {
    return `[${items.join(', ')}]`;
  }

  element(list: string, index: string): string {
    return `list_extract(${list}, ${index})`;
  }

  range(n: number): string {
    return `range(${n})`;
  }

  unnest(list: string): string {
    return `unnest(${list})`;
  }

  listMinAtLeast(list: string, bound: string): string {
    return `list_min(list_filter(${list}, x -> x >= ${bound}))`;
  }

  listDistinctDays(lists: string[], lo: string, hi: string): string {
    const all = lists.map((l) => `coalesce(${l}, [])`).reduce((a, b) => `list_concat(${a}, ${b})`);
    const inWindow = `list_filter(${all}, x -> x >= ${lo} AND x <= ${hi})`;
    return `coalesce(len(list_distinct(list_transform(${inWindow}, x -> ${this.utcDay('x')}))), 0)`;
  }

  pairSumWithin(pairs: string, lo: string, hi: string): string {
    const inWindow = `list_filter(${pairs}, p -> p.t >= ${lo} AND p.t <= ${hi})`;
    return `coalesce(list_sum(list_transform(${inWindow}, p -> p.v)), 0)`;
  }

  utcDay(tsMs: string): string {
    return `(${tsMs} // 86400000)`;
  }

  msToSeconds(expr: string): string {
    return `((${expr}) / 1000.0)`;
  }
}
