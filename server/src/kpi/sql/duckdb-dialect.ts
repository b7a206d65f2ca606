// DuckDB's SQL. The DuckDB source pre-extracts the properties the formulas use into typed columns
// while it normalises the input (./duckdb/normalise.ts), so property access is a column read.
import type { Cte, Dialect, PropertyUse, ValueColumn } from './dialect';

export class DuckDbDialect implements Dialect {
  readonly name = 'duckdb';
  private readonly columns = new Map<string, string>();

  constructor(properties: readonly PropertyUse[]) {
    properties.forEach((p, i) => this.columns.set(`${p.as}:${p.name}`, propertyColumn(i)));
  }

  string(value: string): string {
    // Standard SQL strings: backslashes are literal, quotes are doubled.
    return `'${value.replace(/'/g, "''")}'`;
  }

  ident(name: string): string {
    return `"${name.replace(/"/g, '""')}"`;
  }

  withQueries(ctes: Cte[], body: string): string {
    if (!ctes.length) return body;
    return `WITH\n${ctes.map((c) => `${c.name} AS (\n${c.sql}\n)`).join(',\n')}\n${body}`;
  }

  values(columns: ValueColumn[], rows: (string | number)[][]): string {
    const typed = (value: string, c: ValueColumn) =>
      `CAST(${value} AS ${c.type === 'int' ? 'INTEGER' : 'VARCHAR'}) AS ${this.ident(c.name)}`;
    // VALUES cannot be empty: an empty table is a typed row filtered out.
    if (!rows.length) return `SELECT ${columns.map((c) => typed('NULL', c)).join(', ')} WHERE false`;
    const literal = (v: string | number) => (typeof v === 'number' ? String(v) : this.string(v));
    const body = rows.map((r) => `(${r.map(literal).join(', ')})`).join(',\n  ');
    const names = columns.map((c) => this.ident(c.name)).join(', ');
    const casts = columns.map((c) => typed(this.ident(c.name), c)).join(', ');
    return `SELECT ${casts} FROM (VALUES\n  ${body}) AS t(${names})`;
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

  countDistinctIf(expr: string, condition: string): string {
    return `count(DISTINCT ${expr}) FILTER (WHERE ${condition})`;
  }

  quantilesIf(expr: string, fractions: number[], condition: string): string {
    return `quantile_cont(${expr}, [${fractions.join(', ')}]) FILTER (WHERE ${condition})`;
  }

  listIf(expr: string, condition: string): string {
    return `list(${expr}) FILTER (WHERE ${condition})`;
  }

  listMinAtLeast(list: string, bound: string): string {
    return `list_min(list_filter(${list}, x -> x >= ${bound}))`;
  }

  listDistinctDays(lists: string[], lo: string, hi: string): string {
    const all = lists.map((l) => `coalesce(${l}, [])`).reduce((a, b) => `list_concat(${a}, ${b})`);
    const inWindow = `list_filter(${all}, x -> x >= ${lo} AND x <= ${hi})`;
    return `coalesce(len(list_distinct(list_transform(${inWindow}, x -> ${this.utcDay('x')}))), 0)`;
  }

  utcDay(tsMs: string): string {
    return `(${tsMs} // 86400000)`;
  }

  msToSeconds(expr: string): string {
    return `((${expr}) / 1000.0)`;
  }

  numberProperty(name: string): string {
    return this.column('number', name);
  }

  stringProperty(name: string): string {
    return this.column('string', name);
  }

  private column(as: PropertyUse['as'], name: string): string {
    const column = this.columns.get(`${as}:${name}`);
    if (!column) throw new Error(`property ${name} (${as}) was not extracted`);
    return column;
  }
}

export function propertyColumn(index: number): string {
  return `prop_${index}`;
}
