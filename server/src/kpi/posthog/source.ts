// The PostHog KPI source: the KPI formulas rendered to HogQL and run by PostHog's query API over
// its `events` table (the user is `person_id`, properties are read with `properties.<name>`). All
// features go into one query (or one per `featuresPerQuery`), plus one for the input statistics;
// only per-feature aggregates come back.
import { assembleResult } from '../assemble-result';
import { EventsRelation, inputFromStatistics, type RowSource } from '../clickhouse/relation';
import type { KpiFeature, KpiFormulaSettings } from '../model';
import type { KpiResult } from '../result';
import type { PropertyUse } from '../sql/dialect';
import { HogQlDialect } from '../sql/hogql-dialect';
import { kpiQuery, propertiesUsed } from '../sql/kpi-query';
import { PostHogClient, type PostHogConnection, type PostHogUsage } from './client';
import type { PostHogSettings } from './settings';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
// What DESIGN §4 reads as a number: plain decimals (also as strings) and JSON numbers. HogQL gives
// property values as text, so a string in exponent form ("1e5") reads as a number here.
const NUMBER_TEXT = '^-?([0-9]+([.][0-9]+)?|(0|[1-9][0-9]*)([.][0-9]+)?[eE][+-]?[0-9]+)$';

/** `properties.name`, back-quoted when the name is not a plain identifier. */
export function propertyAccess(name: string): string {
  return IDENTIFIER.test(name)
    ? `properties.${name}`
    : `properties.\`${name.replace(/[\\`]/g, (c) => `\\${c}`)}\``;
}

export function postHogRows(q: HogQlDialect, properties: PropertyUse[]): RowSource {
  return {
    from: 'events',
    user: 'toString(person_id)',
    event: 'event',
    ts: 'toUnixTimestamp64Milli(timestamp)',
    id: 'toString(uuid)',
    properties: properties.map((p) => {
      const text = propertyAccess(p.name);
      if (p.as === 'string') return text;
      return `if(match(ifNull(${text}, ''), ${q.string(NUMBER_TEXT)}) AND isFinite(ifNull(toFloat(${text}), 0.0)), toFloat(${text}), NULL)`;
    }),
  };
}

export interface PostHogRun {
  result: KpiResult;
  usage: PostHogUsage;
  queries: number;
}

export async function computeKpisWithPostHog(
  settings: KpiFormulaSettings,
  source: PostHogSettings,
  connection: PostHogConnection,
  features: KpiFeature[],
  asOf: Date,
): Promise<PostHogRun> {
  const client = new PostHogClient(connection);
  const q = new HogQlDialect();
  const properties = propertiesUsed(settings);
  const relation = new EventsRelation(q, postHogRows(q, properties));
  const nowMs = asOf.getTime();
  const events = relation.events(properties, nowMs, true);
  const batches: KpiFeature[][] = [];
  for (let i = 0; i < features.length; i += source.featuresPerQuery) {
    batches.push(features.slice(i, i + source.featuresPerQuery));
  }
  // One query per batch of features and one for the statistics, in sequence: rate limits count requests.
  const stats = await client.hogqlAll(relation.statistics(nowMs, true), source.pageSize);
  const rows: Record<string, unknown>[] = [];
  let offset = 0;
  for (const batch of batches) {
    const page = await client.hogqlAll(
      kpiQuery({ dialect: q, events, features: batch, settings, nowMs }),
      source.pageSize,
    );
    for (const row of page.rows) {
      const r = Object.fromEntries(page.columns.map((c, i) => [c, row[i]]));
      const f = Number(r.f);
      // Re-index into the whole feature list; each batch's user-level row is the same.
      r.f = f === batch.length ? features.length : offset + f;
      rows.push(r);
    }
    offset += batch.length;
  }
  const s = Object.fromEntries(stats.columns.map((c, i) => [c, stats.rows[0]?.[i]]));
  const input = inputFromStatistics(s);
  const result = assembleResult({ source: 'posthog', asOf, settings, features, rows, input });
  return { result, usage: client.usage, queries: 1 + batches.length };
}
