// SQL macros the DuckDB readers share: the value rules of DESIGN §4 in one place.
// Numbers must be finite; numeric strings are plain
// decimals (`12`, `-3.50`), nothing looser, so every source reads the same values.

/** ISO 8601 date-times DuckDB parses the way DESIGN §4 means (UTC when no offset is given). */
export const ISO_TIMESTAMP =
  '[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]+)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?)?';
/** Epoch milliseconds written as text (CSV, or a JSON string). */
export const EPOCH_MS_TEXT = '-?[0-9]{1,16}';
export const DECIMAL_TEXT = '-?[0-9]+([.][0-9]+)?';
/** Timestamps beyond ±8.64e15 ms are outside what ISO 8601 tools (and JavaScript) represent. */
export const MAX_EPOCH_MS = 8_640_000_000_000_000;

// JSON values arrive as the JSON text DuckDB's parser wrote back (from_json with JSON fields), so
// their kind is told by the first character, with no second parse: `"` a string, `-` or a digit
// a number, anything else (true, false, an object, an array) neither. JSON null arrives as NULL.
const TEXT = (j: string) => `CAST(${j} AS VARCHAR)`;
// The first character's code: cheaper than comparing text, and `IN ('-', '0', …, '9')` would
// be turned by DuckDB into a join, once per use.
const FIRST = (j: string) => `ascii(${TEXT(j)})`;
const IS_STRING = (j: string) => `${FIRST(j)} = 34`; // "
const IS_NUMBER = (j: string) => `(${FIRST(j)} = 45 OR ${FIRST(j)} BETWEEN 48 AND 57)`; // - or 0-9

export const MACROS = [
  `CREATE OR REPLACE TEMP MACRO al_kind(j) AS CASE
    WHEN j IS NULL THEN 'missing'
    WHEN ${IS_STRING('j')} THEN 'string'
    WHEN ${IS_NUMBER('j')} THEN 'number'
    ELSE 'other' END`,
  `CREATE OR REPLACE TEMP MACRO al_nonempty(j) AS
    CASE WHEN ${IS_STRING('j')} AND ${TEXT('j')} <> '""' THEN j ->> '$' END`,
  `CREATE OR REPLACE TEMP MACRO al_finite(x) AS CASE WHEN isfinite(x) THEN x END`,
  `CREATE OR REPLACE TEMP MACRO al_decimal(t) AS
    CASE WHEN regexp_full_match(t, '${DECIMAL_TEXT}') THEN al_finite(TRY_CAST(t AS DOUBLE)) END`,
  `CREATE OR REPLACE TEMP MACRO al_json_number(j) AS CASE
    WHEN ${IS_STRING('j')} THEN al_decimal(j ->> '$')
    WHEN ${IS_NUMBER('j')} THEN al_finite(TRY_CAST(${TEXT('j')} AS DOUBLE)) END`,
  `CREATE OR REPLACE TEMP MACRO al_json_string(j) AS CASE WHEN ${IS_STRING('j')} THEN j ->> '$' END`,
  `CREATE OR REPLACE TEMP MACRO al_ts_number(x) AS
    CASE WHEN isfinite(x) AND abs(x) <= ${MAX_EPOCH_MS} THEN CAST(floor(x) AS BIGINT) END`,
  // The two forms exclude each other (ISO has a '-' after four digits); the common one is tried first.
  `CREATE OR REPLACE TEMP MACRO al_ts_text(t) AS CASE
    WHEN regexp_full_match(t, '${ISO_TIMESTAMP}') THEN epoch_ms(TRY_CAST(t AS TIMESTAMPTZ))
    WHEN regexp_full_match(t, '${EPOCH_MS_TEXT}') THEN al_ts_number(TRY_CAST(t AS DOUBLE)) END`,
];

/** Adds `ts_ms` to a staged select: the timestamp in epoch milliseconds, NULL when it does not parse. */
export function withTimestamp(select: string): string {
  return `SELECT *, CASE ts_kind
    WHEN 'number' THEN al_ts_number(ts_num)
    WHEN 'ms' THEN CAST(ts_num AS BIGINT)
    WHEN 'string' THEN al_ts_text(ts_str) END AS ts_ms
FROM (
${select}
)`;
}
