// The ClickHouse HTTP interface (port 8123): queries in the POST body, results as JSON, Basic auth.
// Works with 18.16 (Debian's package) and current releases.
import { httpRequest, RemoteSourceError, type Trace } from '../remote/http';
import { displayUrl, Redactor } from '../remote/redact';

export interface ClickHouseConnection {
  /** The HTTP interface, e.g. `http://127.0.0.1:8123` (credentials in the URL are not used). */
  url: string;
  user?: string;
  password?: string;
  /** Default database for unqualified table names. */
  database?: string;
  timeoutMs?: number;
  trace?: Trace;
}

/** What a SELECT returned (`FORMAT JSON`): rows as objects, and what it cost the server. */
export interface ClickHouseResult {
  data: Record<string, unknown>[];
  rows: number;
  statistics: { elapsed: number; rows_read: number; bytes_read: number };
}

export class ClickHouseClient {
  readonly redactor: Redactor;

  constructor(readonly connection: ClickHouseConnection) {
    this.redactor = new Redactor([connection.password], [connection.user ?? 'default']);
  }

  get displayUrl(): string {
    return displayUrl(this.connection.url);
  }

  private endpoint(params: Record<string, string>): string {
    const url = new URL(this.connection.url);
    url.username = '';
    url.password = '';
    if (this.connection.database) url.searchParams.set('database', this.connection.database);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    return url.toString();
  }

  private headers(): Record<string, string> {
    const { user, password } = this.connection;
    if (!user && !password) return {};
    const token = Buffer.from(`${user ?? 'default'}:${password ?? ''}`).toString('base64');
    return { Authorization: `Basic ${token}` };
  }

  /** Runs a statement; `body` (data to insert) goes in the POST body with the statement in the URL. */
  async exec(sql: string, body?: string): Promise<string> {
    const url = body === undefined ? this.endpoint({}) : this.endpoint({ query: sql });
    const response = await httpRequest({
      service: 'ClickHouse',
      url,
      headers: this.headers(),
      body: body ?? sql,
      timeoutMs: this.connection.timeoutMs,
      redactor: this.redactor,
      trace: this.connection.trace,
    });
    if (response.status !== 200) throw this.failure(response.status, response.text);
    return response.text;
  }

  async query(sql: string): Promise<ClickHouseResult> {
    const text = await this.exec(`${sql}\nFORMAT JSON`);
    try {
      return JSON.parse(text) as ClickHouseResult;
    } catch {
      throw new RemoteSourceError(`ClickHouse at ${this.displayUrl} answered with something other than JSON`);
    }
  }

  private failure(status: number, text: string): RemoteSourceError {
    // "Code: 60, e.displayText() = DB::Exception: Table default.x doesn't exist., e.what() = …"
    const exception = /DB::Exception: ([\s\S]*?)(?:, e\.what\(\)|$)/.exec(text.trim())?.[1] ?? text.trim();
    const hint =
      status === 401 ||
      status === 403 ||
      /Authentication failed|password is incorrect|Wrong password/i.test(text)
        ? ' (check ACTIVATION_LENS_CLICKHOUSE_USER / ACTIVATION_LENS_CLICKHOUSE_PASSWORD)'
        : '';
    const first = exception.split('\n')[0]!.slice(0, 500);
    return new RemoteSourceError(
      this.redactor.text(`ClickHouse at ${this.displayUrl} answered ${status}: ${first}${hint}`),
      status,
    );
  }
}
