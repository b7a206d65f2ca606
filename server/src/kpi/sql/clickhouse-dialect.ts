// ClickHouse's SQL, as far back as 18.16 (Debian's package) and as current releases accept it.
// What differs from DuckDB and why:
// - aggregates over no row give 0 (minIf) or [] (groupArrayIf), not NULL: minIf is guarded by a count;
// - `-If` conditions must not be NULL: NULL comparisons are folded to false with ifNull;
// - lambdas must return UInt8, so nullable bounds are unwrapped with assumeNotNull behind a NULL check;
// - no arrayMin before 19.x: arrayReduce('min', …) (HogQL, which forbids arrayReduce, overrides it);
// - quantileExact is not interpolated and quantileExactInclusive (type 7) came in 20.x: the
//   percentile is interpolated here from the sorted values, which never leave the server.
import type { Dialect } from './dialect';

export class ClickHouseDialect implements Dialect {
  readonly name: string = 'clickhouse';

  string(value: string): string {
    // ClickHouse strings take backslash escapes: escape the backslash itself and the quote.
    return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  }

  protected cond(condition: string): string {
    return `ifNull(${condition}, 0)`;
  }

  countIf(condition: string): string {
    return `countIf(${this.cond(condition)})`;
  }

  sumIf(expr: string, condition: string): string {
    return `sumIf(${expr}, ${this.cond(condition)})`;
  }

  minIf(expr: string, condition: string): string {
    return `if(${this.countIf(condition)} > 0, minIf(${expr}, ${this.cond(condition)}), NULL)`;
  }

  maxIf(expr: string, condition: string): string {
    return `if(${this.countIf(condition)} > 0, maxIf(${expr}, ${this.cond(condition)}), NULL)`;
  }

  countDistinctIf(expr: string, condition: string): string {
    return `uniqExactIf(${expr}, ${this.cond(condition)})`;
  }

  listIf(expr: string, condition: string): string {
    return `groupArrayIf(${expr}, ${this.cond(condition)})`;
  }

  pairListIf(ts: string, value: string, condition: string): string {
    return `groupArrayIf(tuple(${ts}, assumeNotNull(${value})), ${this.cond(condition)})`;
  }

  /** An integer conversion (HogQL spells it differently). */
  int64(expr: string): string {
    return `toInt64(${expr})`;
  }

  quantilesIf(expr: string, fractions: number[], condition: string): string {
    // `expr` is a Float64 (msToSeconds). h = (n − 1)·p, interpolated between ranks floor(h), ceil(h).
    const s = `arraySort(groupArrayIf(${expr}, ${this.cond(condition)}))`;
    const h = `((greatest(length(${s}), 1) - 1) * p)`;
    const at = (index: string) => `arrayElement(${s}, ${this.int64(index)} + 1)`;
    const lo = at(`floor(${h})`);
    const hi = at(`ceil(${h})`);
    return `arrayMap(p -> ${lo} + (${h} - floor(${h})) * (${hi} - ${lo}), [${fractions.join(', ')}])`;
  }

  list(items: string[]): string {
    return `[${items.join(', ')}]`;
  }

  element(list: string, index: string): string {
    return `arrayElement(${list}, ${index})`;
  }

  range(n: number): string {
    return `range(${n})`;
  }

  unnest(list: string): string {
    return `arrayJoin(${list})`;
  }

  protected arrayMin(list: string): string {
    return `arrayReduce('min', ${list})`;
  }

  listMinAtLeast(list: string, bound: string): string {
    const atLeast = `arrayFilter(x -> x >= assumeNotNull(${bound}), ${list})`;
    return `if(isNull(${bound}) OR empty(${atLeast}), NULL, ${this.arrayMin(atLeast)})`;
  }

  listDistinctDays(lists: string[], lo: string, hi: string): string {
    const all = lists.length > 1 ? `arrayConcat(${lists.join(', ')})` : lists[0]!;
    const inWindow = `arrayFilter(x -> x >= assumeNotNull(${lo}) AND x <= assumeNotNull(${hi}), ${all})`;
    const days = `length(arrayDistinct(arrayMap(x -> ${this.utcDay('x')}, ${inWindow})))`;
    return `if(isNull(${lo}), 0, ${days})`;
  }

  pairSumWithin(pairs: string, lo: string, hi: string): string {
    const inWindow = `arrayFilter(p -> tupleElement(p, 1) >= assumeNotNull(${lo}) AND tupleElement(p, 1) <= assumeNotNull(${hi}), ${pairs})`;
    return `arraySum(arrayMap(p -> tupleElement(p, 2), ${inWindow}))`;
  }

  utcDay(tsMs: string): string {
    // Truncating division, as DuckDB's `//`.
    return `intDiv(${tsMs}, 86400000)`;
  }

  msToSeconds(expr: string): string {
    // `/` is always floating point in ClickHouse.
    return `((${expr}) / 1000)`;
  }
}
