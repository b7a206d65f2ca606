// PostHog's query API: `POST {host}/api/projects/{id}/query/` with `{"query": {"kind": "HogQLQuery",
// "query": …}}` and a personal API key as a bearer token. The answer is `{results, columns, types,
// hasMore, limit, offset, …}`; errors are `{type, code, detail, attr}`. Rate limits answer 429 with
// Retry-After: the client waits as told (or backs off exponentially) and tries again.
import { httpRequest, RemoteSourceError, type Trace } from '../remote/http';
import { displayUrl, Redactor } from '../remote/redact';

export interface PostHogConnection {
  host: string;
  projectId: string;
  apiKey: string;
  trace?: Trace;
  timeoutMs?: number;
  /** Retries after 429 or a 5xx/network failure. */
  maxRetries?: number;
  /** Longest wait for one retry, in ms (a longer Retry-After fails instead). */
  maxWaitMs?: number;
}

export interface HogQlResponse {
  results: unknown[][];
  columns: string[];
  types?: unknown[];
  hasMore?: boolean | null;
}

export interface PostHogUsage {
  requests: number;
  retries: number;
  waitedMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class PostHogClient {
  readonly redactor: Redactor;
  readonly usage: PostHogUsage = { requests: 0, retries: 0, waitedMs: 0 };

  constructor(readonly connection: PostHogConnection) {
    this.redactor = new Redactor([connection.apiKey]);
  }

  private get endpoint(): string {
    const base = new URL(this.connection.host);
    base.username = '';
    base.password = '';
    const root = base.toString().replace(/\/+$/, '');
    return `${root}/api/projects/${encodeURIComponent(this.connection.projectId)}/query/`;
  }

  /** One HogQL query, retried on rate limits and transient failures. */
  async hogql(query: string): Promise<HogQlResponse> {
    const maxRetries = this.connection.maxRetries ?? 5;
    const maxWait = this.connection.maxWaitMs ?? 120_000;
    for (let attempt = 0; ; attempt++) {
      let status: number;
      let wait: number;
      let failure: RemoteSourceError;
      this.usage.requests++;
      try {
        const response = await httpRequest({
          service: 'PostHog',
          url: this.endpoint,
          headers: { Authorization: `Bearer ${this.connection.apiKey}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ query: { kind: 'HogQLQuery', query } }),
          timeoutMs: this.connection.timeoutMs,
          redactor: this.redactor,
          trace: this.connection.trace,
        });
        status = response.status;
        if (status === 200) return this.parse(response.text);
        failure = this.failure(status, response.text);
        if (status !== 429 && status < 500) throw failure;
        wait =
          status === 429
            ? retryAfter(response.headers.get('retry-after'), response.text, attempt)
            : backoff(attempt);
      } catch (error) {
        if (!(error instanceof RemoteSourceError) || error.status !== undefined) throw error;
        failure = error; // unreachable: retried like a 5xx
        wait = backoff(attempt);
      }
      if (attempt >= maxRetries) throw failure;
      if (wait > maxWait) {
        throw new RemoteSourceError(
          `${failure.message} (asked to wait ${Math.ceil(wait / 1000)} s: giving up)`,
          429,
        );
      }
      this.connection.trace?.(`… retrying in ${wait} ms (${failure.message})`);
      this.usage.retries++;
      this.usage.waitedMs += wait;
      await sleep(wait);
    }
  }

  /**
   * Every row of a query, page by page: `LIMIT pageSize OFFSET n` appended to the query (which must
   * not have its own), until a page says `hasMore: false` or comes back short.
   */
  async hogqlAll(query: string, pageSize: number): Promise<{ columns: string[]; rows: unknown[][] }> {
    const rows: unknown[][] = [];
    let columns: string[] = [];
    for (let offset = 0; ; offset += pageSize) {
      const page = await this.hogql(`${query}\nLIMIT ${pageSize} OFFSET ${offset}`);
      columns = page.columns;
      rows.push(...page.results);
      const more = page.hasMore ?? page.results.length === pageSize;
      if (!more || page.results.length === 0) return { columns, rows };
    }
  }

  private parse(text: string): HogQlResponse {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new RemoteSourceError(
        `PostHog at ${displayUrl(this.connection.host)} answered with something other than JSON`,
      );
    }
    const r = body as HogQlResponse;
    if (!r || !Array.isArray(r.results) || !Array.isArray(r.columns)) {
      throw new RemoteSourceError(
        `PostHog at ${displayUrl(this.connection.host)} answered without results and columns`,
      );
    }
    return r;
  }

  private failure(status: number, text: string): RemoteSourceError {
    let detail = text.trim().slice(0, 500);
    try {
      const body = JSON.parse(text) as { detail?: unknown; code?: unknown };
      if (typeof body.detail === 'string')
        detail = `${body.detail}${typeof body.code === 'string' ? ` (${body.code})` : ''}`;
    } catch {
      // not JSON: keep the text
    }
    const hint =
      status === 401
        ? ': check ACTIVATION_LENS_POSTHOG_API_KEY (a personal API key with query:read)'
        : status === 403
          ? `: the key may not read project ${this.connection.projectId}`
          : '';
    return new RemoteSourceError(
      this.redactor.text(
        `PostHog at ${displayUrl(this.connection.host)} answered ${status}: ${detail}${hint}`,
      ),
      status,
    );
  }
}

function backoff(attempt: number): number {
  return Math.min(1000 * 2 ** attempt, 60_000);
}

/** Retry-After in seconds or as an HTTP date; else DRF's "Expected available in N seconds."; else backoff. */
function retryAfter(header: string | null, body: string, attempt: number): number {
  if (header) {
    const seconds = Number(header);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
    const date = Date.parse(header);
    if (!Number.isNaN(date)) return Math.max(0, date - Date.now());
  }
  const m = /available in (\d+(?:\.\d+)?) seconds?/.exec(body);
  return m ? Math.ceil(Number(m[1]) * 1000) : backoff(attempt);
}
