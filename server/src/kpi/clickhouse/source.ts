// The ClickHouse KPI source: the KPI formulas rendered to ClickHouse SQL and run on the server over
// its HTTP interface. Only one row per feature comes back (counts, sums, percentiles); the events,
// and the per-user durations behind the percentiles, stay on the server.
import { assembleResult } from '../assemble-result';
import type { KpiFeature, KpiFormulaSettings } from '../model';
import type { KpiResult } from '../result';
import { ClickHouseDialect } from '../sql/clickhouse-dialect';
import { kpiQuery, propertiesUsed } from '../sql/kpi-query';
import { ClickHouseClient, type ClickHouseConnection } from './client';
import { EventsMapping, ident, type TableColumn } from './events';
import { EventsRelation, inputFromStatistics } from './relation';
import type { ClickHouseSettings } from './settings';

/** What a refresh cost the server, from ClickHouse's own statistics. */
export interface ClickHouseCost {
  queries: { name: string; rows_read: number; bytes_read: number; elapsed: number; rows: number }[];
}

export interface ClickHouseRun {
  result: KpiResult;
  cost: ClickHouseCost;
}

export function qualifiedTable(settings: Pick<ClickHouseSettings, 'database' | 'table'>): string {
  return settings.database ? `${ident(settings.database)}.${ident(settings.table)}` : ident(settings.table);
}

export async function describeTable(client: ClickHouseClient, table: string): Promise<TableColumn[]> {
  const described = await client.query(`DESCRIBE TABLE ${table}`);
  return described.data.map((r) => ({ name: String(r.name), type: String(r.type) }));
}

export async function computeKpisWithClickHouse(
  settings: KpiFormulaSettings,
  source: ClickHouseSettings,
  connection: ClickHouseConnection,
  features: KpiFeature[],
  asOf: Date,
): Promise<ClickHouseRun> {
  const client = new ClickHouseClient(connection);
  const q = new ClickHouseDialect();
  const table = qualifiedTable(source);
  const mapping = new EventsMapping(q, table, await describeTable(client, table), source.columns);
  const properties = propertiesUsed(settings);
  const relation = new EventsRelation(q, mapping.rows(properties));
  const nowMs = asOf.getTime();
  const events = relation.events(properties, nowMs, source.deduplicate);
  const [stats, kpis] = await Promise.all([
    client.query(relation.statistics(nowMs, source.deduplicate)),
    features.length
      ? client.query(kpiQuery({ dialect: q, events, features, settings, nowMs }))
      : Promise.resolve(null),
  ]);
  const result = assembleResult({
    source: 'clickhouse',
    asOf,
    settings,
    features,
    rows: kpis?.data ?? [],
    input: inputFromStatistics(stats.data[0]),
  });
  const cost: ClickHouseCost = { queries: [{ name: 'statistics', ...costOf(stats) }] };
  if (kpis) cost.queries.push({ name: 'kpis', ...costOf(kpis) });
  return { result, cost };
}

function costOf(r: { statistics: { rows_read: number; bytes_read: number; elapsed: number }; rows: number }) {
  return {
    rows_read: Number(r.statistics.rows_read),
    bytes_read: Number(r.statistics.bytes_read),
    elapsed: Number(r.statistics.elapsed),
    rows: Number(r.rows),
  };
}
