// The ClickHouse source's settings from the plan (`kpis.clickhouse`, validated by the JSON Schema):
// where the events are and how its columns map onto an event. Never credentials.

/** The documented default layout, which `activation-lens load-clickhouse` creates and fills. */
export const DEFAULT_TABLE = 'activation_lens_events';

export interface ClickHouseColumns {
  user: string;
  event: string;
  /** Epoch milliseconds (an integer type), or a DateTime / DateTime64 column. */
  timestamp: string;
  /** The event id; `null`: the table has none (no de-duplication). */
  id: string | null;
  /** A JSON string column holding the properties object, or each property's own column. */
  properties: string | Record<string, string>;
}

export interface ClickHouseSettings {
  /** The HTTP interface from the plan; a key is sent there only as the trust policy allows. */
  url?: string;
  database?: string;
  table: string;
  columns: ClickHouseColumns;
  /** Count each event id once (DESIGN §4). Off for tables that are de-duplicated already. */
  deduplicate: boolean;
}

export const DEFAULT_COLUMNS: ClickHouseColumns = {
  user: 'user_id',
  event: 'event',
  timestamp: 'ts_ms',
  id: 'event_id',
  properties: 'properties',
};

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

export function clickHouseSettings(raw: unknown): ClickHouseSettings {
  const o = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const c = o.columns && typeof o.columns === 'object' ? (o.columns as Record<string, unknown>) : {};
  let properties: ClickHouseColumns['properties'] = DEFAULT_COLUMNS.properties;
  if (str(c.properties)) properties = str(c.properties)!;
  else if (c.properties && typeof c.properties === 'object') {
    properties = Object.fromEntries(
      Object.entries(c.properties as Record<string, unknown>).filter(
        (e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '',
      ),
    );
  }
  const table = str(o.table) ?? DEFAULT_TABLE;
  const out: ClickHouseSettings = {
    table,
    columns: {
      user: str(c.user) ?? DEFAULT_COLUMNS.user,
      event: str(c.event) ?? DEFAULT_COLUMNS.event,
      timestamp: str(c.timestamp) ?? DEFAULT_COLUMNS.timestamp,
      id: c.id === null ? null : (str(c.id) ?? DEFAULT_COLUMNS.id),
      properties,
    },
    deduplicate: o.deduplicate !== false,
  };
  if (str(o.url)) out.url = str(o.url)!;
  if (str(o.database)) out.database = str(o.database)!;
  return out;
}

/** `db.table` or `table` as given on the command line. */
export function splitTable(name: string): { database?: string; table: string } {
  const dot = name.indexOf('.');
  return dot > 0 ? { database: name.slice(0, dot), table: name.slice(dot + 1) } : { table: name };
}
