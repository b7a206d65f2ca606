// The embedded KPI source: DuckDB in-process over local NDJSON, CSV and Parquet files.
import { DuckDBInstance } from '@duckdb/node-api';
import { assembleResult } from '../assemble-result';
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

export async function computeKpisWithDuckDb(
  settings: DuckDbSettings,
  features: KpiFeature[],
  options: KpiOptions & { asOf: Date },
): Promise<KpiResult> {
  const instance = await DuckDBInstance.create(':memory:', {
    // Everything the engine needs (json, parquet, icu) is built in: never fetch extensions.
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  });
  const c = await instance.connect();
  try {
    // Timestamps without an offset are UTC, whatever the machine's zone.
    await c.run("SET TimeZone = 'UTC'");
    const files = options.events
      ? await resolveEventFiles(c, options.events, options.eventsBaseDir ?? options.baseDir)
      : await resolveEventFiles(c, settings.events, options.baseDir);
    const properties = propertiesUsed(settings);
    const nowMs = options.asOf.getTime();
    const input = await normaliseEvents(
      c,
      files,
      { userKeys: settings.userKeys, idKeys: settings.idKeys, properties },
      nowMs,
      options.maxSamples ?? 5,
    );
    const rows = features.length
      ? (
          await c.runAndReadAll(
            kpiQuery({ dialect: new DuckDbDialect(), events: 'events', features, settings, nowMs }),
          )
        ).getRowObjectsJS()
      : [];
    return assembleResult({ source: 'duckdb', asOf: options.asOf, settings, features, rows, input });
  } finally {
    c.closeSync();
    instance.closeSync();
  }
}
