// A local stand-in for PostHog's query API, for the PostHog source's tests (PostHog itself cannot
// run here). It speaks the real wire format — `POST /api/projects/{id}/query/` with a bearer
// personal API key and `{"query": {"kind": "HogQLQuery", "query": …}}`; answers
// `{results, columns, types, hasMore, limit, offset, hogql, clickhouse, timings, modifiers}`;
// errors `{type, code, detail, attr}` with 401 (missing or invalid key), 403 (another project),
// 400 (bad request, unknown function), 429 with Retry-After (throttling); a default LIMIT of 100
// with `hasMore` — and answers HogQL by translating it to ClickHouse SQL and running it on the test
// ClickHouse, as PostHog does on its own ClickHouse. The translation covers what HogQL's printer
// does for the constructs the source uses: the `events` table, `properties.<name>` (the value as
// text, quotes stripped, NULL when absent or null), `toUnixTimestamp64Milli(timestamp)` (the test
// table keeps milliseconds: 18.16 has no DateTime64), and HogQL-only function names.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { canonicalKey } from '../../server/src/kpi/clickhouse/events';
import type { TestClickHouse } from './clickhouse-server';

/** HogQL functions the fake accepts: a subset of PostHog's allow-list (not ClickHouse's names). */
const HOGQL_FUNCTIONS = new Set([
  'count',
  'countIf',
  'min',
  'minIf',
  'max',
  'maxIf',
  'sum',
  'sumIf',
  'avg',
  'groupArray',
  'groupArrayIf',
  'arraySort',
  'arrayFilter',
  'arrayMap',
  'arrayMin',
  'arrayMax',
  'arraySum',
  'arrayDistinct',
  'arrayConcat',
  'arrayElement',
  'arrayJoin',
  'range',
  'length',
  'empty',
  'notEmpty',
  'greatest',
  'least',
  'floor',
  'ceil',
  'intDiv',
  'if',
  'multiIf',
  'ifNull',
  'nullIf',
  'isNull',
  'isNotNull',
  'assumeNotNull',
  'toNullable',
  'coalesce',
  'tuple',
  'tupleElement',
  'match',
  'isFinite',
  'toFloat',
  'toString',
  '_toInt64',
  'toUnixTimestamp64Milli',
  'and',
  'or',
  'not',
  'in',
  'equals',
  'abs',
]);

/** HogQL names printed differently for ClickHouse 18.16. */
const RENAMED = new Map<string, string>(
  Object.entries({
    _toInt64: 'toInt64',
    // toFloat: PostHog prints accurateCastOrNull(x, 'Float64'); 18.16 has only toFloat64OrNull(String).
    arrayMin: "arrayReduce('min', ",
  }),
);

const KEYWORDS = new Set([
  'select',
  'from',
  'where',
  'group',
  'by',
  'order',
  'limit',
  'offset',
  'as',
  'and',
  'or',
  'not',
  'in',
  'is',
  'null',
  'case',
  'when',
  'then',
  'else',
  'end',
  'join',
  'cross',
  'on',
  'having',
  'asc',
  'desc',
  'distinct',
]);

export interface FakePostHogOptions {
  clickhouse: TestClickHouse;
  /** The ClickHouse database holding the `events` table the fake serves. */
  database: string;
  apiKey: string;
  projectId: string;
  /** Answer this many requests with 429 (Retry-After: `retryAfter` seconds) before serving. */
  throttle?: number;
  retryAfter?: number;
}

export interface FakeRequest {
  method: string;
  path: string;
  authorization?: string;
  body: string;
  status: number;
}

export interface FakePostHog {
  url: string;
  requests: FakeRequest[];
  /** Queries answered (after throttling and auth). */
  queries: string[];
  setThrottle(n: number, retryAfter?: number): void;
  close(): Promise<void>;
}

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 50_000;

interface Token {
  kind: 'ident' | 'string' | 'quoted' | 'other';
  text: string;
}

function tokenize(sql: string): Token[] {
  const out: Token[] = [];
  const re =
    /\s+|'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`|[A-Za-z_$][A-Za-z0-9_$]*|\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|->|<=|>=|!=|<>|./gsy;
  for (let m = re.exec(sql); m && m[0]; m = re.exec(sql)) {
    const t = m[0];
    if (/^\s+$/.test(t)) out.push({ kind: 'other', text: ' ' });
    else if (t.startsWith("'")) out.push({ kind: 'string', text: t });
    else if (t.startsWith('`')) out.push({ kind: 'quoted', text: t });
    else if (/^[A-Za-z_$]/.test(t)) out.push({ kind: 'ident', text: t });
    else out.push({ kind: 'other', text: t });
  }
  return out;
}

class HogQlError extends Error {}

/** PostHog's property access, over the canonical JSON the loader writes (top-level members only). */
function propertyText(name: string): string {
  const json = 'properties';
  const o = `position(${json}, '":{')`;
  const a = `position(${json}, '":[')`;
  const cutAt = `multiIf(${o} = 0, ${a}, ${a} = 0, ${o}, least(${o}, ${a}))`;
  const top = `substring(${json}, 1, if(${cutAt} = 0, length(${json}), ${cutAt}))`;
  const key = `'${canonicalKey(name).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  return `replaceRegexpAll(nullIf(nullIf(visitParamExtractRaw(${top}, ${key}), ''), 'null'), '^"|"$', '')`;
}

/** HogQL → ClickHouse 18.16, plus the page asked for (the query's trailing LIMIT/OFFSET). */
export function translate(hogql: string): { sql: string; limit: number; offset: number } {
  const tokens = tokenize(hogql);
  const out: string[] = [];
  // Each open paren: whether closing it must close an extra one (arrayMin → arrayReduce, toFloat).
  const parens: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens.slice(i + 1).find((x) => x.text !== ' ');
    if (t.kind === 'ident' && t.text === 'properties' && tokens[i + 1]?.text === '.') {
      const name = tokens[i + 2];
      if (!name || (name.kind !== 'ident' && name.kind !== 'quoted'))
        throw new HogQlError('Bad property access');
      const raw = name.kind === 'quoted' ? name.text.slice(1, -1).replace(/\\(.)/g, '$1') : name.text;
      out.push(propertyText(raw));
      i += 2;
      continue;
    }
    if (t.kind === 'ident' && next?.text === '(' && !KEYWORDS.has(t.text.toLowerCase())) {
      if (!HOGQL_FUNCTIONS.has(t.text)) {
        throw new HogQlError(`Unsupported function call '${t.text}(...)'`);
      }
      if (t.text === 'toUnixTimestamp64Milli') {
        // The test table keeps the timestamp in milliseconds.
        const close = tokens.findIndex((x, j) => j > i && x.text === ')');
        out.push('timestamp_ms');
        i = close;
        continue;
      }
      const renamed = RENAMED.get(t.text);
      if (t.text === 'arrayMin' || t.text === 'toFloat') {
        // Opened here with the call's own paren; toFloat needs one more closed after its argument.
        out.push(t.text === 'arrayMin' ? renamed! : 'toFloat64OrNull(toString(');
        while (tokens[i]!.text !== '(') i++;
        parens.push(t.text === 'toFloat' ? 1 : 0);
        continue;
      }
      out.push(renamed ?? t.text);
      continue;
    }
    if (t.text === '(') parens.push(0);
    if (t.text === ')') {
      const extra = parens.pop() ?? 0;
      out.push(')'.repeat(1 + extra));
      continue;
    }
    out.push(t.text);
  }
  let sql = out.join('').trim();
  let limit = DEFAULT_LIMIT;
  let offset = 0;
  const page = /\sLIMIT\s+(\d+)(?:\s+OFFSET\s+(\d+))?\s*$/i.exec(sql);
  if (page) {
    limit = Math.min(Number(page[1]), MAX_LIMIT);
    offset = Number(page[2] ?? 0);
    sql = sql.slice(0, page.index);
  }
  return { sql: `${sql}\nLIMIT ${limit + 1} OFFSET ${offset}`, limit, offset };
}

function error(
  res: http.ServerResponse,
  status: number,
  type: string,
  code: string,
  detail: string,
  headers = {},
) {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify({ type, code, detail, attr: null }));
}

export async function startFakePostHog(options: FakePostHogOptions): Promise<FakePostHog> {
  const requests: FakeRequest[] = [];
  const queries: string[] = [];
  let throttle = options.throttle ?? 0;
  let retryAfter = options.retryAfter ?? 1;
  const auth = `Basic ${Buffer.from(`${options.clickhouse.user}:${options.clickhouse.password}`).toString('base64')}`;

  const serve = async (req: http.IncomingMessage, body: string, res: http.ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const route = /^\/api\/projects\/([^/]+)\/query\/?$/.exec(path);
    if (!route || req.method !== 'POST') return error(res, 404, 'invalid_request', 'not_found', 'Not found.');
    const header = req.headers.authorization;
    if (!header) {
      return error(
        res,
        401,
        'authentication_error',
        'not_authenticated',
        'Authentication credentials were not provided.',
      );
    }
    if (header !== `Bearer ${options.apiKey}`) {
      return error(
        res,
        401,
        'authentication_error',
        'authentication_failed',
        'Personal API key found in request Authorization header is invalid.',
      );
    }
    if (decodeURIComponent(route[1]!) !== options.projectId) {
      return error(
        res,
        403,
        'authentication_error',
        'permission_denied',
        'You do not have permission to perform this action.',
      );
    }
    if (throttle > 0) {
      throttle--;
      return error(
        res,
        429,
        'throttled_error',
        'throttled',
        `Request was throttled. Expected available in ${retryAfter} second${retryAfter === 1 ? '' : 's'}.`,
        { 'Retry-After': String(retryAfter) },
      );
    }
    let query: string;
    try {
      const parsed = JSON.parse(body) as { query?: { kind?: unknown; query?: unknown } };
      if (parsed.query?.kind !== 'HogQLQuery' || typeof parsed.query.query !== 'string') throw new Error();
      query = parsed.query.query;
    } catch {
      return error(
        res,
        400,
        'validation_error',
        'parse_error',
        'Expected {"query": {"kind": "HogQLQuery", "query": "..."}}',
      );
    }
    let translated: ReturnType<typeof translate>;
    try {
      translated = translate(query);
    } catch (e) {
      return error(res, 400, 'validation_error', 'query_error', (e as Error).message);
    }
    const url = new URL(options.clickhouse.url);
    url.searchParams.set('database', options.database);
    url.searchParams.set('output_format_json_quote_64bit_integers', '0');
    const answer = await fetch(url, {
      method: 'POST',
      headers: { Authorization: auth },
      body: `${translated.sql}\nFORMAT JSONCompact`,
    });
    const text = await answer.text();
    if (!answer.ok) return error(res, 400, 'validation_error', 'query_error', text.trim().split('\n')[0]!);
    queries.push(query);
    const result = JSON.parse(text) as { meta: { name: string; type: string }[]; data: unknown[][] };
    const hasMore = result.data.length > translated.limit;
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(
      JSON.stringify({
        results: result.data.slice(0, translated.limit),
        columns: result.meta.map((m) => m.name),
        types: result.meta.map((m) => [m.name, m.type]),
        hasMore,
        limit: translated.limit,
        offset: translated.offset,
        hogql: query,
        clickhouse: translated.sql,
        timings: [],
        modifiers: {},
        error: null,
      }),
    );
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const record: FakeRequest = { method: req.method ?? '', path: req.url ?? '', body, status: 0 };
      if (req.headers.authorization) record.authorization = req.headers.authorization;
      requests.push(record);
      res.on('finish', () => (record.status = res.statusCode));
      serve(req, body, res).catch((e: unknown) => error(res, 500, 'server_error', 'error', String(e)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    queries,
    setThrottle(n, seconds = 1) {
      throttle = n;
      retryAfter = seconds;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Fills `<database>.events` (PostHog's columns; the timestamp in ms) from a default-layout table. */
export async function posthogEventsFrom(ch: TestClickHouse, database: string, source: string): Promise<void> {
  await ch.query(`CREATE DATABASE IF NOT EXISTS ${database}`);
  await ch.query(`CREATE TABLE IF NOT EXISTS ${database}.events (uuid String, event String, properties String,
    timestamp_ms Int64, person_id String, distinct_id String) ENGINE = MergeTree() ORDER BY (person_id, timestamp_ms)`);
  // Every PostHog event has a uuid: rows loaded without an id get a unique one.
  await ch.query(`INSERT INTO ${database}.events
    SELECT if(event_id = '', concat('gen-', toString(rowNumberInAllBlocks()), '-', toString(rand64())), event_id),
      event, properties, ts_ms, user_id, user_id FROM ${source}`);
}
