// `activation-lens load-clickhouse`: event files (NDJSON, CSV, Parquet) into the default table
// layout. The files are read and checked by the DuckDB source's own readers and rules, so a row
// rejected here is exactly a row the DuckDB source rejects, counted the same way. Valid rows go in
// as they are (duplicates and events after any as-of date too: the KPI query handles those), with
// the properties in the canonical JSON the ClickHouse reader needs (./canonical.ts).
import type { InputStatistics } from '../assemble-result';
import { resolveEventFiles } from '../duckdb/inputs';
import { rejectedInput, stageEvents } from '../duckdb/normalise';
import { withDuckDb } from '../duckdb/source';
import { canonicalProperties } from './canonical';
import { ClickHouseClient, type ClickHouseConnection } from './client';
import { ident } from './events';
import { qualifiedTable } from './source';

/** The documented default layout. MergeTree sorted by user then time: the KPI query groups by user. */
export function createTableSql(table: string): string {
  return `CREATE TABLE IF NOT EXISTS ${table} (
  user_id String,
  event String,
  ts_ms Int64,
  properties String,
  event_id String
) ENGINE = MergeTree() ORDER BY (user_id, ts_ms)`;
}

export interface LoadOptions {
  files: string[];
  baseDir: string;
  database?: string;
  table: string;
  userKeys: string[];
  idKeys: string[];
  /** Rows per INSERT. */
  batchRows?: number;
  maxSamples?: number;
  onProgress?: (loaded: number) => void;
}

export type LoadResult = Pick<InputStatistics, 'rejected' | 'rejectedReasons' | 'rejectedSamples'> & {
  loaded: number;
  table: string;
};

export async function loadIntoClickHouse(
  connection: ClickHouseConnection,
  options: LoadOptions,
): Promise<LoadResult> {
  const client = new ClickHouseClient(connection);
  const table = qualifiedTable(options);
  if (options.database) await client.exec(`CREATE DATABASE IF NOT EXISTS ${ident(options.database)}`);
  await client.exec(createTableSql(table));
  return withDuckDb(async (c) => {
    const files = await resolveEventFiles(c, options.files, options.baseDir);
    const staged = await stageEvents(c, files, {
      userKeys: options.userKeys,
      idKeys: options.idKeys,
      properties: [],
      propertiesJson: true,
    });
    const rejects = await rejectedInput(c, staged, options.maxSamples ?? 5);
    const result = await c.stream(
      `SELECT user_id, event, ts_ms, coalesce(event_id, '') AS event_id, props_json
FROM ${staged.checked} WHERE reason IS NULL ORDER BY fi, rec`,
    );
    const batchRows = options.batchRows ?? 200_000;
    const insert = `INSERT INTO ${table} (user_id, event, ts_ms, properties, event_id) FORMAT JSONEachRow`;
    let lines: string[] = [];
    let loaded = 0;
    const flush = async () => {
      if (!lines.length) return;
      await client.exec(insert, lines.join('\n') + '\n');
      loaded += lines.length;
      lines = [];
      options.onProgress?.(loaded);
    };
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      for (const [user, event, ts, id, props] of chunk.getRows()) {
        lines.push(
          JSON.stringify({
            user_id: String(user),
            event: String(event),
            ts_ms: Number(ts),
            properties: canonicalProperties(props === null ? null : String(props)),
            event_id: String(id),
          }),
        );
      }
      if (lines.length >= batchRows) await flush();
    }
    await flush();
    for (const sql of staged.cleanup) await c.run(sql);
    return { loaded, table, ...rejects };
  });
}
