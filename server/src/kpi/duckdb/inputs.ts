// Event files for the DuckDB source: globs expanded by DuckDB itself, grouped by format.
import * as path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';

export type EventFileFormat = 'ndjson' | 'csv' | 'parquet';

export interface EventFiles {
  ndjson: string[];
  csv: string[];
  parquet: string[];
}

/** Raised for inputs the user can fix: no file matches, an unknown file type. */
export class KpiInputError extends Error {}

const COMPRESSED = /\.(gz|zst)$/i;

export function formatOf(file: string): EventFileFormat | null {
  const name = file.replace(COMPRESSED, '').toLowerCase();
  if (/\.(ndjson|jsonl|json)$/.test(name)) return 'ndjson';
  if (name.endsWith('.csv')) return 'csv';
  if (name.endsWith('.parquet') && !COMPRESSED.test(file)) return 'parquet';
  return null;
}

export async function resolveEventFiles(
  connection: DuckDBConnection,
  patterns: string[],
  baseDir: string,
): Promise<EventFiles> {
  if (!patterns.length) {
    throw new KpiInputError('no event files: pass --events GLOB or set kpis.events in the plan');
  }
  const out: EventFiles = { ndjson: [], csv: [], parquet: [] };
  const seen = new Set<string>();
  for (const pattern of patterns) {
    const absolute = path.resolve(baseDir, pattern);
    const reader = await connection.runAndReadAll('SELECT file FROM glob($1) ORDER BY file', [absolute]);
    const files = reader.getRows().map((r) => String(r[0]));
    if (!files.length) throw new KpiInputError(`no event files match ${pattern}`);
    for (const file of files) {
      if (seen.has(file)) continue;
      seen.add(file);
      const format = formatOf(file);
      if (!format) {
        throw new KpiInputError(
          `unsupported event file ${file}: use .ndjson/.jsonl/.json, .csv (optionally .gz) or .parquet`,
        );
      }
      out[format].push(file);
    }
  }
  return out;
}
