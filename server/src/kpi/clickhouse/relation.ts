// The normalised events relation `(user_id, event, ts_ms, prop_<i>)` that the KPI query reads,
// over any ClickHouse-family source (a ClickHouse table, PostHog's HogQL `events`), as sub-queries
// (ClickHouse 18.16 has no WITH sub-queries): rows without a user or an event skipped, each event
// id counted once (the earliest copy wins, then the smallest by content, NULL properties first, as
// in the DuckDB source), cut at asOf. Also the input statistics, in one scan.
import type { InputStatistics } from '../assemble-result';
import type { ClickHouseDialect } from '../sql/clickhouse-dialect';
import { propertyColumn, type PropertyUse } from '../sql/dialect';

/** Where the rows come from, and each normalised column as an expression over it. */
export interface RowSource {
  /** A table name, or a parenthesised sub-query with an alias. */
  from: string;
  user: string;
  event: string;
  /** Epoch milliseconds, Int64. */
  ts: string;
  /** The event id as a String ('' for none); null when the source has no id. */
  id: string | null;
  /** The properties used, in the order of `propertiesUsed` (Nullable Float64 / String). */
  properties: string[];
}

export class EventsRelation {
  constructor(
    private readonly q: ClickHouseDialect,
    private readonly source: RowSource,
  ) {}

  /** The rows as `al_*` columns (prefixed: ClickHouse aliases shadow column names). */
  private rows(withProperties: boolean, where: string[]): string {
    const s = this.source;
    const cols = [
      `${s.user} AS al_user`,
      `${s.event} AS al_event`,
      `${s.ts} AS al_ts`,
      `${s.id ?? "''"} AS al_id`,
      ...(withProperties ? s.properties.map((p, i) => `${p} AS al_${propertyColumn(i)}`) : []),
    ];
    return `SELECT ${cols.join(',\n  ')}\nFROM ${s.from}${where.length ? `\nWHERE ${where.join(' AND ')}` : ''}`;
  }

  /**
   * Rows grouped so that each event id counts once: per id, the smallest (ts, event, user, props…)
   * with NULL properties first; rows without an id are grouped by their whole content and kept
   * `n` times. `m` holds the kept content.
   */
  private deduplicated(properties: PropertyUse[], where: string[]): string {
    const content = [
      'al_ts',
      'al_event',
      'al_user',
      ...properties.flatMap((p, i) => {
        const c = `al_${propertyColumn(i)}`;
        return [`if(isNotNull(${c}), 1, 0)`, `ifNull(${c}, ${p.as === 'number' ? '0.0' : "''"})`];
      }),
    ];
    const none = [
      this.q.int64('0'),
      "''",
      "''",
      ...properties.flatMap((p) => ['0', p.as === 'number' ? '0.0' : "''"]),
    ];
    return `SELECT al_id, min(tuple(${content.join(', ')})) AS m, count() AS n
FROM (${this.rows(true, where)}) AS r
GROUP BY al_id, if(al_id = '', tuple(${content.join(', ')}), tuple(${none.join(', ')}))`;
  }

  private valid(): string[] {
    return [`al_user != ''`, `al_event != ''`];
  }

  /** The normalised events relation at asOf, as a parenthesised sub-query with an alias. */
  events(properties: PropertyUse[], nowMs: number, deduplicate: boolean): string {
    const where = [...this.valid(), `al_ts <= ${Math.round(nowMs)}`];
    if (!deduplicate || this.source.id === null) {
      const cols = ['al_user AS user_id', 'al_event AS event', 'al_ts AS ts_ms'];
      properties.forEach((_, i) => cols.push(`al_${propertyColumn(i)} AS ${propertyColumn(i)}`));
      return `(SELECT ${cols.join(', ')} FROM (${this.rows(true, where)}) AS r) AS ev`;
    }
    const cols = [
      'tupleElement(m, 3) AS user_id',
      'tupleElement(m, 2) AS event',
      'tupleElement(m, 1) AS ts_ms',
      ...properties.map(
        (_, i) =>
          `if(tupleElement(m, ${4 + 2 * i}) = 1, toNullable(tupleElement(m, ${5 + 2 * i})), NULL) AS ${propertyColumn(i)}`,
      ),
      `arrayJoin(range(if(al_id = '', n, 1))) AS copy`,
    ];
    return `(SELECT ${cols.join(',\n  ')}\nFROM (${this.deduplicated(properties, where)}) AS d) AS ev`;
  }

  /**
   * Input statistics in one scan: valid rows, rows kept after de-duplication and those of them after
   * asOf; rows skipped for a missing event or user.
   */
  statistics(nowMs: number, deduplicate: boolean): string {
    const now = Math.round(nowMs);
    const valid = this.valid().join(' AND ');
    const skipped = `countIf(al_event = '') AS no_event, countIf(al_event != '' AND al_user = '') AS no_user`;
    if (!deduplicate || this.source.id === null) {
      return `SELECT countIf(${valid}) AS valid, countIf(${valid}) AS kept, countIf(${valid} AND al_ts > ${now}) AS after,
  ${skipped}
FROM (${this.rows(false, [])}) AS r`;
    }
    // Grouped as in deduplicated(): per id, or per whole content for rows without one.
    const kept = `if(al_id = '', nv, if(nv > 0, 1, 0))`;
    return `SELECT sum(nv) AS valid, sum(${kept}) AS kept, sum(if(mt > ${now}, ${kept}, 0)) AS after,
  sum(no_event) AS no_event, sum(no_user) AS no_user
FROM (
  SELECT al_id, countIf(${valid}) AS nv, minIf(al_ts, ${valid}) AS mt, ${skipped}
  FROM (${this.rows(false, [])}) AS r
  GROUP BY al_id, if(al_id = '', tuple(al_ts, al_event, al_user), tuple(${this.q.int64('0')}, '', ''))
) AS g`;
  }
}

/** What the statistics query's row says about the input (no samples: rows stay on the server). */
export function inputFromStatistics(row: Record<string, unknown> | undefined): InputStatistics {
  const n = (key: string) => Number(row?.[key] ?? 0);
  const rejectedReasons: Record<string, number> = {};
  if (n('no_event')) rejectedReasons['missing event'] = n('no_event');
  if (n('no_user')) rejectedReasons['missing user'] = n('no_user');
  return {
    events: n('kept') - n('after'),
    duplicates: n('valid') - n('kept'),
    afterAsOf: n('after'),
    rejected: n('no_event') + n('no_user'),
    rejectedReasons,
    rejectedSamples: [],
  };
}
