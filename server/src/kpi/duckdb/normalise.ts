// Reads every event file with DuckDB's own readers into the normalised events relation
// `events(user_id, event, ts_ms, prop_<i>)`: validated (DESIGN §4: malformed rows skipped and
// counted), de-duplicated by event id and cut at asOf. Nothing is read row by row in JavaScript.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { InputStatistics } from '../assemble-result';
import type { RejectedSample } from '../result';
import { propertyColumn } from '../sql/dialect';
import type { EventFileFormat, EventFiles } from './inputs';
import { csvHeader, linesOfRecords } from './lines';
import { MACROS, withTimestamp } from './macros';
import {
  type Column,
  csvReader,
  ndjsonReader,
  parquetReader,
  type Reader,
  type ReaderKeys,
  sqlString,
} from './readers';

export interface InputFile {
  file: string;
  format: EventFileFormat;
  /** CSV: the table DuckDB stores the rows its CSV parser rejected in. */
  rejectsTable?: string;
}

/** Why a row was skipped, in the order the rules are checked. */
const REASON = `CASE
    WHEN bad IS NOT NULL THEN bad
    WHEN event_kind = 'missing' THEN 'missing event'
    WHEN event_kind <> 'string' THEN 'event is not a string'
    WHEN user_id IS NULL THEN 'missing user'
    WHEN ts_kind = 'missing' THEN 'missing timestamp'
    WHEN ts_ms IS NULL THEN 'unparseable timestamp' END`;

/** What a sample of a rejected row shows beside its reason: the timestamp that did not parse. */
const DETAIL = `CASE WHEN reason = 'unparseable timestamp' THEN left(ts_str, 80) END`;

/** The input files read and checked: `checked` is a sub-query of the staged rows with `reason`. */
export interface StagedEvents {
  checked: string;
  inputs: InputFile[];
  cleanup: string[];
}

/**
 * Prepares every reader and returns the checked rows as one sub-query (nothing is read yet).
 * `readOnce`: the caller reads `checked` once, into a table of its own (NDJSON: the staged
 * columns are then not stored in a table of their own first).
 */
export async function stageEvents(
  c: DuckDBConnection,
  files: EventFiles,
  keys: ReaderKeys,
  options: { readOnce?: boolean } = {},
): Promise<StagedEvents> {
  for (const macro of MACROS) await c.run(macro);
  const inputs: InputFile[] = [
    ...files.ndjson.map((file) => ({ file, format: 'ndjson' as const })),
    ...files.csv.map((file) => ({ file, format: 'csv' as const })),
    ...files.parquet.map((file) => ({ file, format: 'parquet' as const })),
  ].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const selects: string[] = [];
  const cleanup: string[] = [];
  for (const [fi, input] of inputs.entries()) {
    const reader = await readerFor(c, fi, input, keys, options.readOnce ?? false);
    for (const sql of reader.prepare) await c.run(sql);
    selects.push(reader.hasTimestamp ? reader.select : withTimestamp(reader.select));
    cleanup.push(...reader.cleanup);
  }
  const source = selects.length ? selects.join('\nUNION ALL\n') : withTimestamp(emptyStaged(keys));
  // Rows are checked on the fly, never held as a whole: only rejected rows and what the caller
  // keeps are stored. (NDJSON lines are parsed into a table first, see readers.ts.)
  const checked = `(SELECT *, ${REASON} AS reason FROM (
${source}
))`;
  return { checked, inputs, cleanup };
}

/** Stores the rejected rows (table `rejects`) and describes them: counts by reason, first samples. */
export async function rejectedInput(c: DuckDBConnection, staged: StagedEvents, maxSamples: number) {
  await c.run(`CREATE OR REPLACE TEMP TABLE rejects AS
SELECT fi, rec, reason, ${DETAIL} AS detail
FROM ${staged.checked} WHERE reason IS NOT NULL`);
  return rejectedRows(c, staged.inputs, maxSamples);
}

export async function normaliseEvents(
  c: DuckDBConnection,
  files: EventFiles,
  keys: ReaderKeys,
  nowMs: number,
  maxSamples: number,
): Promise<InputStatistics> {
  const staged = await stageEvents(c, files, keys, { readOnce: true });
  const props = keys.properties.map((_, i) => propertyColumn(i));
  const cols = ['user_id', 'event', 'ts_ms', ...props].join(', ');
  // The inputs are read once: every row, checked, into one table. The rejected rows are copied out
  // of it and the duplicates deleted from it, so that what remains is the events relation.
  await c.run(`CREATE OR REPLACE TEMP TABLE staged_events AS
SELECT fi, rec, reason, ${DETAIL} AS detail, event_id, hash(event_id) AS id_hash, ${cols}
FROM ${staged.checked}`);
  for (const sql of staged.cleanup) await c.run(sql);
  await c.run(`CREATE OR REPLACE TEMP TABLE rejects AS
SELECT fi, rec, reason, detail FROM staged_events WHERE reason IS NOT NULL`);
  const rejects = await rejectedRows(c, staged.inputs, maxSamples);
  await c.run('DELETE FROM staged_events WHERE reason IS NOT NULL');
  // Each event id counts once: the earliest row wins, then the smallest by content, so every
  // source keeps the same row whatever order it reads them in. Rows without an id are all kept.
  // Only the ids that occur more than once are ranked (few, in real exports): found by grouping
  // the ids' hashes (integers, cheaper than the text), far cheaper than ranking every row. A hash
  // shared by two different ids only adds rows to the ranking, which is by the id itself.
  const order = ['ts_ms', 'event', 'user_id', ...props].map((col) => `${col} ASC NULLS FIRST`).join(', ');
  const duplicates = await scalar(
    c,
    `DELETE FROM staged_events WHERE rowid IN (
  SELECT rowid FROM staged_events
  WHERE event_id IS NOT NULL AND id_hash IN (
    SELECT id_hash FROM staged_events WHERE event_id IS NOT NULL GROUP BY id_hash HAVING count(*) > 1)
  QUALIFY row_number() OVER (PARTITION BY event_id ORDER BY ${order}) > 1)`,
  );
  const counts = await c.runAndReadAll(
    `SELECT count(*) AS kept, count(*) FILTER (WHERE ts_ms > ${nowMs}) AS after FROM staged_events`,
  );
  await c.run(`CREATE OR REPLACE TEMP VIEW events AS
SELECT ${cols} FROM staged_events WHERE ts_ms <= ${nowMs}`);
  const [kept, after] = (counts.getRows()[0] ?? []).map(Number) as [number, number];
  return { events: kept - after, duplicates, afterAsOf: after, ...rejects };
}

async function scalar(c: DuckDBConnection, sql: string): Promise<number> {
  return Number((await c.runAndReadAll(sql)).getRows()[0]?.[0] ?? 0);
}

/** The staged columns with no rows, when there is no file. */
function emptyStaged(keys: ReaderKeys): string {
  const text = ['bad', 'event_kind', 'event', 'user_id', 'ts_kind', 'ts_str'];
  const cols = [
    'CAST(NULL AS INTEGER) AS fi',
    'CAST(NULL AS BIGINT) AS rec',
    ...text.map((c) => `CAST(NULL AS VARCHAR) AS ${c}`),
    'CAST(NULL AS DOUBLE) AS ts_num',
    'CAST(NULL AS VARCHAR) AS event_id',
    ...keys.properties.map(
      (p, i) => `CAST(NULL AS ${p.as === 'number' ? 'DOUBLE' : 'VARCHAR'}) AS ${propertyColumn(i)}`,
    ),
    ...(keys.propertiesJson ? ['CAST(NULL AS VARCHAR) AS props_json'] : []),
  ];
  return `SELECT ${cols.join(', ')} WHERE false`;
}

async function readerFor(
  c: DuckDBConnection,
  fi: number,
  input: InputFile,
  keys: ReaderKeys,
  readOnce: boolean,
): Promise<Reader> {
  if (input.format === 'ndjson') return ndjsonReader(fi, input.file, keys, readOnce);
  if (input.format === 'csv') {
    input.rejectsTable = `csv_rejects_${fi}`;
    const header = await csvHeader(input.file);
    return csvReader(fi, input.file, header, keys, input.rejectsTable);
  }
  const describe = async (select: string): Promise<Column[]> => {
    const sql = `DESCRIBE SELECT ${select} FROM read_parquet(${sqlString(input.file)})`;
    const described = await c.runAndReadAll(sql);
    return described
      .getRowObjects()
      .map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
  };
  const columns = await describe('*');
  const properties = columns.find((col) => col.name === 'properties');
  // A struct of typed properties is read field by field, never through JSON.
  const structFields =
    properties && /^STRUCT\b/i.test(properties.type) ? await describe('properties.*') : undefined;
  return parquetReader(fi, input.file, columns, keys, structFields);
}

const CSV_PARSE_ERROR = 'malformed CSV row';

async function rejectedRows(c: DuckDBConnection, inputs: InputFile[], maxSamples: number) {
  const rejectedReasons: Record<string, number> = {};
  let rejected = 0;
  const byReason = await c.runAndReadAll(
    'SELECT reason, count(*) FROM rejects GROUP BY reason ORDER BY reason',
  );
  for (const [reason, n] of byReason.getRows()) {
    rejectedReasons[String(reason)] = Number(n);
    rejected += Number(n);
  }
  type Found = { fi: number; at: number; sample: RejectedSample };
  const found: Found[] = [];
  const samples = await c.runAndReadAll(
    `SELECT fi, rec, reason, detail FROM rejects ORDER BY fi, rec LIMIT ${maxSamples}`,
  );
  for (const [fi, rec, reason, detail] of samples.getRows()) {
    const input = inputs[Number(fi)]!;
    const text = detail === null ? String(reason) : `${String(reason)} ${JSON.stringify(String(detail))}`;
    const sample: RejectedSample = { file: input.file, reason: text };
    if (input.format === 'ndjson') sample.line = Number(rec);
    else sample.row = Number(rec);
    found.push({ fi: Number(fi), at: Number(rec), sample });
  }
  for (const [fi, input] of inputs.entries()) {
    if (!input.rejectsTable) continue;
    const parse = await c.runAndReadAll(`SELECT line, min(error_message) FROM ${input.rejectsTable}
GROUP BY line ORDER BY line`);
    const rows = parse.getRows();
    if (!rows.length) continue;
    rejected += rows.length;
    rejectedReasons[CSV_PARSE_ERROR] = (rejectedReasons[CSV_PARSE_ERROR] ?? 0) + rows.length;
    for (const [line, message] of rows.slice(0, maxSamples)) {
      const reason = `${CSV_PARSE_ERROR}: ${String(message).split('\n')[0]}`;
      found.push({ fi, at: Number(line) - 1, sample: { file: input.file, line: Number(line), reason } });
    }
  }
  found.sort((a, b) => a.fi - b.fi || a.at - b.at);
  const rejectedSamples = found.slice(0, maxSamples).map((f) => f.sample);
  await numberLines(rejectedSamples, inputs);
  return { rejected, rejectedReasons, rejectedSamples };
}

/** NDJSON samples carry DuckDB's record number; turn it into the file's line number. */
async function numberLines(samples: RejectedSample[], inputs: InputFile[]) {
  const byFile = new Map<string, RejectedSample[]>();
  for (const s of samples) {
    const input = inputs.find((i) => i.file === s.file);
    if (input?.format !== 'ndjson' || s.line === undefined) continue;
    byFile.set(s.file, [...(byFile.get(s.file) ?? []), s]);
  }
  for (const [file, list] of byFile) {
    const lines = await linesOfRecords(
      file,
      list.map((s) => s.line!),
    );
    for (const s of list) {
      const line = lines.get(s.line!);
      if (line !== undefined) s.line = line;
      else {
        s.row = s.line;
        delete s.line;
      }
    }
  }
}
