// HTTP for the remote KPI sources (ClickHouse, PostHog): one request with a timeout, an optional
// trace of what goes over the wire, and errors that never carry a secret (see ./redact.ts).
import { displayUrl, type Redactor } from './redact';

/** Receives trace lines (already redacted) when tracing is on. */
export type Trace = (line: string) => void;

/** A remote source failed: unreachable, refused, or answered with an error. Message is redacted. */
export class RemoteSourceError extends Error {
  constructor(
    message: string,
    /** The HTTP status, when the server answered. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'RemoteSourceError';
  }
}

export interface HttpRequest {
  /** What is asked, for messages: `ClickHouse`, `PostHog`. */
  service: string;
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
  redactor: Redactor;
  trace?: Trace;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
}

const SECRET_HEADERS = /^(authorization|x-clickhouse-key|cookie)$/i;

export async function httpRequest(req: HttpRequest): Promise<HttpResponse> {
  const { redactor, trace } = req;
  const method = req.method ?? 'POST';
  const shown = displayUrl(req.url);
  const started = Date.now();
  if (trace) {
    const headers = Object.entries(req.headers ?? {})
      .map(([k, v]) => `${k}: ${SECRET_HEADERS.test(k) ? '[redacted]' : v}`)
      .join('; ');
    trace(
      redactor.text(`→ ${method} ${shown} ${headers ? `(${headers}) ` : ''}${req.body?.length ?? 0} bytes`),
    );
    if (req.body) trace(redactor.text(req.body));
  }
  let response: Response;
  try {
    response = await fetch(req.url, {
      method,
      headers: req.headers,
      body: req.body,
      signal: AbortSignal.timeout(req.timeoutMs ?? 300_000),
    });
  } catch (error) {
    const reason = redactor.error(error).message;
    trace?.(redactor.text(`← failed after ${Date.now() - started} ms: ${reason}`));
    throw new RemoteSourceError(redactor.text(`cannot reach ${req.service} at ${shown}: ${reason}`));
  }
  const text = await response.text();
  trace?.(redactor.text(`← ${response.status} in ${Date.now() - started} ms, ${text.length} bytes`));
  return { status: response.status, headers: response.headers, text };
}
