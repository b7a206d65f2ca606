// One SELECT per event file, each giving the same staged columns, so the validation rules
// (./normalise.ts) are written once for every format:
//   fi, rec          file index and 1-based record number within the file
//   bad              a problem found while reading (invalid JSON, not an object), else NULL
//   event_kind       'string' | 'number' | 'other' | 'missing', and event (the text)
//   user_id          the first user key holding a non-empty string, else NULL
//   ts_kind          'string' | 'number' | 'ms' (a typed timestamp) | 'other' | 'missing'
//   ts_str, ts_num   the timestamp as text / as a number (a typed one: text only when it does not parse)
//   event_id         the first id key holding a non-empty string, else NULL
//   prop_<i>         the properties the formulas read (see ../sql/kpi-query.ts propertiesUsed)
// Types are declared, never sampled: a sparse property must not be guessed as text.
import type { PropertyUse } from '../sql/dialect';
import { propertyColumn } from '../sql/dialect';
import { withTimestamp } from './macros';

export interface ReaderKeys {
  userKeys: string[];
  idKeys: string[];
  properties: PropertyUse[];
  /**
   * Also stage `props_json`: the whole properties object as JSON text (CSV and Parquet: with the
   * flat property columns, the object's members winning). The ClickHouse loader stores it.
   */
  propertiesJson?: boolean;
}

export const STAGED_COLUMNS = [
  'fi',
  'rec',
  'bad',
  'event_kind',
  'event',
  'user_id',
  'ts_kind',
  'ts_str',
  'ts_num',
  'event_id',
];

const MAX_OBJECT_BYTES = 64 * 1024 * 1024;

export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function stagedSelect(fi: number, cols: Record<string, string>, keys: ReaderKeys): string {
  const all = [
    ...STAGED_COLUMNS.map((c) => `${c === 'fi' ? String(fi) : cols[c]!} AS ${c}`),
    ...keys.properties.map((_, i) => `${cols[propertyColumn(i)]!} AS ${propertyColumn(i)}`),
    ...(keys.propertiesJson ? [`${cols.props_json ?? 'CAST(NULL AS VARCHAR)'} AS props_json`] : []),
  ];
  return all.join(',\n  ');
}

function numberOrString(p: PropertyUse, json: string): string {
  return p.as === 'number' ? `al_json_number(${json})` : `al_json_string(${json})`;
}

// ---- NDJSON ----------------------------------------------------------------------------------

export interface Reader {
  /** Statements to run first (NDJSON: parse the file into a table of JSON fields). */
  prepare: string[];
  select: string;
  cleanup: string[];
  /** The select already has `ts_ms` (see normalise.ts withTimestamp). */
  hasTimestamp?: boolean;
}

/** `readOnce`: the select is read once (see normalise.ts stageEvents), so it reads the parsed table. */
export function ndjsonReader(fi: number, file: string, keys: ReaderKeys, readOnce = false): Reader {
  const top = unique(['event', 'timestamp', ...keys.userKeys, ...keys.idKeys]);
  const spec: Record<string, unknown> = Object.fromEntries(top.map((k) => [k, 'JSON']));
  // DuckDB refuses an empty struct: no properties used (the loader), no `properties` field read.
  if (keys.properties.length)
    spec.properties = Object.fromEntries(keys.properties.map((p) => [p.name, 'JSON']));
  const field = (k: string) => `struct_extract(s, ${sqlString(k)})`;
  const ts = field('timestamp');
  const cols: Record<string, string> = {
    rec: 'ordinality',
    bad: `CASE WHEN invalid THEN 'invalid JSON' WHEN NOT object THEN 'not a JSON object' END`,
    event_kind: `al_kind(${field('event')})`,
    event: `al_json_string(${field('event')})`,
    user_id: coalesce(keys.userKeys.map((k) => `al_nonempty(${field(k)})`)),
    ts_kind: `al_kind(${ts})`,
    ts_str: `CASE WHEN al_kind(${ts}) = 'string' THEN ${ts} ->> '$' ELSE CAST(${ts} AS VARCHAR) END`,
    ts_num: `CASE WHEN al_kind(${ts}) = 'number' THEN TRY_CAST(CAST(${ts} AS VARCHAR) AS DOUBLE) END`,
    event_id: coalesce(keys.idKeys.map((k) => `al_nonempty(${field(k)})`)),
  };
  keys.properties.forEach((p, i) => {
    const json = `struct_extract(${field('properties')}, ${sqlString(p.name)})`;
    cols[propertyColumn(i)] = numberOrString(p, json);
  });
  if (keys.propertiesJson) cols.props_json = 'props_json';
  // Parsed into a table, then read into the staged columns, also a table: as one query DuckDB
  // would inline the parse into every expression that reads a field, parsing each line many times.
  const parsed = `parsed_${fi}`;
  const staged = `ndjson_${fi}`;
  const fromJson = `from_json(json, ${sqlString(JSON.stringify(spec))}) AS s${
    keys.propertiesJson
      ? `,\n  CASE WHEN json_type(json -> '$.properties') = 'OBJECT' THEN CAST(json -> '$.properties' AS VARCHAR) END AS props_json`
      : ''
  }`;
  const read = `FROM read_ndjson_objects(${sqlString(file)}, ignore_errors = true, maximum_object_size = ${MAX_OBJECT_BYTES})
WITH ORDINALITY`;
  // The parsed columns of one line: read straight from the file, or from the stored lines.
  const parsedColumns = `SELECT ordinality, json IS NULL AS invalid, starts_with(ltrim(CAST(json AS VARCHAR)), '{') AS object,
  ${fromJson}`;
  const parse = `CREATE OR REPLACE TEMP TABLE ${parsed} AS
${parsedColumns}
${read}`;
  if (readOnce) {
    // Numbering the records (WITH ORDINALITY) keeps the reading in order, on one thread: only the
    // lines are stored so, and parsed (in parallel) as the staged columns are read.
    const lines = `lines_${fi}`;
    return {
      prepare: [`CREATE OR REPLACE TEMP TABLE ${lines} AS SELECT ordinality, json\n${read}`],
      select: `SELECT ${stagedSelect(fi, cols, keys)}
FROM (${parsedColumns}
FROM ${lines})`,
      cleanup: [`DROP TABLE ${lines}`],
    };
  }
  return {
    prepare: [
      parse,
      // With the parsed timestamp: read three times afterwards, it is parsed once here.
      `CREATE OR REPLACE TEMP TABLE ${staged} AS ${withTimestamp(`SELECT ${stagedSelect(fi, cols, keys)}\nFROM ${parsed}`)}`,
      `DROP TABLE ${parsed}`,
    ],
    select: `SELECT * FROM ${staged}`,
    cleanup: [`DROP TABLE ${staged}`],
    hasTimestamp: true,
  };
}

// ---- CSV and Parquet: named columns ------------------------------------------------------------

/** A column of a CSV header or Parquet schema, with its DuckDB type (CSV: always VARCHAR). */
export interface Column {
  name: string;
  type: string;
}

const TEXT = /^(VARCHAR|JSON)$/i;
const INTEGER = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT)$/i;
const NUMBER = /^(FLOAT|DOUBLE|REAL|DECIMAL(\(.*\))?)$/i;
const TIMESTAMP = /^(TIMESTAMP.*|DATE)$/i;
const NESTED = /^(STRUCT|MAP)\b/i;

/**
 * Columns by name: `event`, `timestamp`, the user and id keys, a `properties` column (a JSON object
 * as text, or a struct/map), and any other column as a flat property of the same name.
 */
export function columnarSelect(
  columns: Column[],
  keys: ReaderKeys,
  /** The fields of a `properties` STRUCT column, when it is one: read directly, with their types. */
  structFields?: Column[],
): Record<string, string> {
  const byName = new Map(columns.map((c) => [c.name, c]));
  const text = (name: string) => {
    const c = byName.get(name);
    if (!c) return null;
    if (TEXT.test(c.type)) return `nullif(CAST(${ident(name)} AS VARCHAR), '')`;
    if (INTEGER.test(c.type)) return `CAST(${ident(name)} AS VARCHAR)`;
    return null;
  };
  const event = byName.get('event');
  const ts = byName.get('timestamp');
  const cols: Record<string, string> = {
    bad: 'CAST(NULL AS VARCHAR)',
    event_kind: !event
      ? `'missing'`
      : TEXT.test(event.type)
        ? `CASE WHEN ${ident('event')} IS NULL OR CAST(${ident('event')} AS VARCHAR) = '' THEN 'missing' ELSE 'string' END`
        : `CASE WHEN ${ident('event')} IS NULL THEN 'missing' ELSE 'other' END`,
    event: event ? `CAST(${ident('event')} AS VARCHAR)` : 'CAST(NULL AS VARCHAR)',
    user_id: coalesce(keys.userKeys.map(text).filter((x): x is string => x !== null)),
    event_id: coalesce(keys.idKeys.map(text).filter((x): x is string => x !== null)),
    ...timestampColumns(ts),
  };
  const props = byName.get('properties');
  const spec = JSON.stringify(Object.fromEntries(keys.properties.map((p) => [p.name, 'JSON'])));
  let propsJson: string | null = null;
  if (props && TEXT.test(props.type)) {
    const v = `CAST(${ident('properties')} AS VARCHAR)`;
    propsJson = `(CASE WHEN json_valid(${v}) THEN from_json(${v}, ${sqlString(spec)}) END)`;
  } else if (props && NESTED.test(props.type) && !structFields) {
    propsJson = `from_json(to_json(${ident('properties')}), ${sqlString(spec)})`;
  }
  if (keys.propertiesJson) cols.props_json = propertiesJsonColumn(columns, keys, props);
  keys.properties.forEach((p, i) => {
    const options: string[] = [];
    if (propsJson) options.push(numberOrString(p, `struct_extract(${propsJson}, ${sqlString(p.name)})`));
    const field = structFields?.find((f) => f.name === p.name);
    if (field)
      options.push(flatProperty(p, field, `struct_extract(${ident('properties')}, ${sqlString(p.name)})`));
    const flat = p.name === 'properties' ? undefined : byName.get(p.name);
    if (flat) options.push(flatProperty(p, flat, ident(flat.name)));
    cols[propertyColumn(i)] = options.length
      ? coalesce(options)
      : `CAST(NULL AS ${p.as === 'number' ? 'DOUBLE' : 'VARCHAR'})`;
  });
  return cols;
}

/** The properties object as JSON text: flat columns, then the `properties` column's members over them. */
function propertiesJsonColumn(columns: Column[], keys: ReaderKeys, props: Column | undefined): string {
  const reserved = new Set(['event', 'timestamp', 'properties', ...keys.userKeys, ...keys.idKeys]);
  const flat = columns.filter((c) => !reserved.has(c.name));
  const flatJson = flat.length
    ? `json_object(${flat.map((c) => `${sqlString(c.name)}, ${ident(c.name)}`).join(', ')})`
    : `'{}'::JSON`;
  let object = `'{}'::JSON`;
  if (props && TEXT.test(props.type)) {
    const v = `CAST(${ident('properties')} AS VARCHAR)`;
    object = `(CASE WHEN json_valid(${v}) AND json_type(${v}::JSON) = 'OBJECT' THEN ${v}::JSON ELSE '{}'::JSON END)`;
  } else if (props && NESTED.test(props.type)) {
    object = `coalesce(to_json(${ident('properties')}), '{}'::JSON)`;
  }
  return `CAST(json_merge_patch(${flatJson}, ${object}) AS VARCHAR)`;
}

function timestampColumns(ts: Column | undefined): Record<string, string> {
  const none = { ts_str: 'CAST(NULL AS VARCHAR)', ts_num: 'CAST(NULL AS DOUBLE)' };
  if (!ts) return { ts_kind: `'missing'`, ...none };
  const c = ident('timestamp');
  const missing = (kind: string) => `CASE WHEN ${c} IS NULL THEN 'missing' ELSE ${kind} END`;
  if (TEXT.test(ts.type)) {
    return {
      ts_kind: `CASE WHEN ${c} IS NULL OR CAST(${c} AS VARCHAR) = '' THEN 'missing' ELSE 'string' END`,
      ts_str: `CAST(${c} AS VARCHAR)`,
      ts_num: 'CAST(NULL AS DOUBLE)',
    };
  }
  // A typed timestamp's text is only shown for one that does not parse (a sample's detail):
  // written for those alone, since formatting every timestamp as text costs as much as the rest.
  if (INTEGER.test(ts.type) || NUMBER.test(ts.type)) {
    return {
      ts_kind: missing(`'number'`),
      ts_str: `CASE WHEN al_ts_number(CAST(${c} AS DOUBLE)) IS NULL THEN CAST(${c} AS VARCHAR) END`,
      ts_num: `CAST(${c} AS DOUBLE)`,
    };
  }
  if (TIMESTAMP.test(ts.type)) {
    return {
      ts_kind: missing(`'ms'`),
      ts_str: `CASE WHEN epoch_ms(${c}) IS NULL THEN CAST(${c} AS VARCHAR) END`,
      ts_num: `CAST(epoch_ms(${c}) AS DOUBLE)`,
    };
  }
  return { ts_kind: missing(`'other'`), ts_str: `CAST(${c} AS VARCHAR)`, ts_num: 'CAST(NULL AS DOUBLE)' };
}

function flatProperty(p: PropertyUse, c: Column, col: string): string {
  if (p.as === 'string') return TEXT.test(c.type) ? `CAST(${col} AS VARCHAR)` : 'CAST(NULL AS VARCHAR)';
  if (TEXT.test(c.type)) return `al_decimal(CAST(${col} AS VARCHAR))`;
  if (INTEGER.test(c.type) || NUMBER.test(c.type)) return `al_finite(CAST(${col} AS DOUBLE))`;
  return 'CAST(NULL AS DOUBLE)';
}

export function csvReader(
  fi: number,
  file: string,
  header: string[],
  keys: ReaderKeys,
  rejectsTable: string,
): Reader {
  const columns = header.map((name) => ({ name, type: 'VARCHAR' }));
  const cols = { rec: 'ordinality', ...columnarSelect(columns, keys) };
  const declared = `{${header.map((h) => `${sqlString(h)}: 'VARCHAR'`).join(', ')}}`;
  const select = `SELECT ${stagedSelect(fi, cols, keys)}
FROM read_csv(${sqlString(file)}, header = true, auto_detect = false, columns = ${declared},
  delim = ',', quote = '"', escape = '"', ignore_errors = true, store_rejects = true,
  rejects_table = ${sqlString(rejectsTable)}, rejects_scan = ${sqlString(`${rejectsTable}_scan`)})
WITH ORDINALITY`;
  return { prepare: [], select, cleanup: [] };
}

export function parquetReader(
  fi: number,
  file: string,
  columns: Column[],
  keys: ReaderKeys,
  structFields?: Column[],
): Reader {
  const cols = { rec: 'file_row_number + 1', ...columnarSelect(columns, keys, structFields) };
  const select = `SELECT ${stagedSelect(fi, cols, keys)}
FROM read_parquet(${sqlString(file)}, file_row_number = true)`;
  return { prepare: [], select, cleanup: [] };
}

function coalesce(options: string[]): string {
  if (!options.length) return 'CAST(NULL AS VARCHAR)';
  return options.length === 1 ? options[0]! : `coalesce(${options.join(', ')})`;
}

function unique(list: string[]): string[] {
  return [...new Set(list)];
}
