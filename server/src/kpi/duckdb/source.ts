// The embedded KPI source: DuckDB in-process over local NDJSON, CSV and Parquet files.
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { assembleResult, type InputStatistics } from '../assemble-result';
import type { KpiFeature, KpiFormulaSettings, KpiOptions } from '../model';
import type { KpiResult } from '../result';
import { DuckDbDialect } from '../sql/duckdb-dialect';
import { kpiQuery, propertiesUsed } from '../sql/kpi-query';
import { resolveEventFiles } from './inputs';
import { normaliseEvents } from './normalise';

export interface DuckDbSettings extends KpiFormulaSettings {
  events: string[];
  userKeys: string[];
  idKeys: string[];
}

/** A connection holding the normalised `events` relation, and what the normalisation saw. */
export interface NormalisedEvents {
  connection: DuckDBConnection;
  dialect: DuckDbDialect;
  input: InputStatistics;
}

export async function computeKpisWithDuckDb(
  settings: DuckDbSettings,
  features: KpiFeature[],
  options: KpiOptions & { asOf: Date },
): Promise<KpiResult> {
  return withNormalisedEvents(settings, options, (events) => kpisOver(events, settings, features, options));
}

/**
 * Opens a DuckDB instance of its own, reads the event files into the normalised `events` relation
 * and runs `use` on it; the instance is closed afterwards, whatever happens.
 */
export async function withNormalisedEvents<T>(
  settings: DuckDbSettings,
  options: KpiOptions & { asOf: Date },
  use: (events: NormalisedEvents) => Promise<T>,
): Promise<T> {
  return withDuckDb(async (c) => {
    const files = options.events
      ? await resolveEventFiles(c, options.events, options.eventsBaseDir ?? options.baseDir)
      : await resolveEventFiles(c, settings.events, options.baseDir);
    const properties = propertiesUsed(settings);
    const input = await normaliseEvents(
      c,
      files,
      { userKeys: settings.userKeys, idKeys: settings.idKeys, properties },
      options.asOf.getTime(),
      options.maxSamples ?? 5,
    );
    return await use({ connection: c, dialect: new DuckDbDialect(), input });
  });
}

/** A DuckDB instance of its own, in memory, for `use`; closed afterwards, whatever happens. */
export async function withDuckDb<T>(use: (c: DuckDBConnection) => Promise<T>): Promise<T> {
  const instance = await DuckDBInstance.create(':memory:', {
    // Everything the engine needs (json, parquet, icu) is built in: never fetch extensions.
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  });
  const c = await instance.connect();
  try {
    // Timestamps without an offset are UTC, whatever the machine's zone.
    await c.run("SET TimeZone = 'UTC'");
    return await use(c);
  } finally {
    c.closeSync();
    instance.closeSync();
  }
}

/** The KPI result over normalised events. */
export async function kpisOver(
  { connection, dialect, input }: NormalisedEvents,
  settings: KpiFormulaSettings,
  features: KpiFeature[],
  options: { asOf: Date },
): Promise<KpiResult> {
  // With no feature there is nothing to compute (the query needs at least one).
  const sql = features.length
    ? kpiQuery({ dialect, events: 'events', features, settings, nowMs: options.asOf.getTime() })
    : undefined;
  const rows = sql ? (await connection.runAndReadAll(sql)).getRowObjectsJS() : [];
  return assembleResult({ source: 'duckdb', asOf: options.asOf, settings, features, rows, input });
}
