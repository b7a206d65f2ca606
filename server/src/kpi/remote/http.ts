// HTTP for the remote KPI sources (ClickHouse, PostHog): one request with a timeout, an optional
// trace of what goes over the wire, and errors that never carry a secret (see ./redact.ts).
// node:http rather than fetch: fetch (undici) gives up on a response whose headers take more than
// 300 s, and ClickHouse sends its headers only when a long KPI query is done.
import * as http from 'node:http';
import * as https from 'node:https';
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
  let response: HttpResponse;
  try {
    response = await send(req.url, method, req.headers ?? {}, req.body, req.timeoutMs ?? 300_000);
  } catch (error) {
    const reason = redactor.error(error).message;
    trace?.(redactor.text(`← failed after ${Date.now() - started} ms: ${reason}`));
    throw new RemoteSourceError(redactor.text(`cannot reach ${req.service} at ${shown}: ${reason}`));
  }
  trace?.(redactor.text(`← ${response.status} in ${Date.now() - started} ms, ${response.text.length} bytes`));
  return response;
}

/** One request; the whole exchange (connect, wait, read) must end within `timeoutMs`. */
function send(
  url: string,
  method: string,
  headers: Record<string, string>,
  body: string | undefined,
  timeoutMs: number,
): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const request = (target.protocol === 'https:' ? https : http).request(target, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'content-length': Buffer.byteLength(body) }) },
    });
    const timer = setTimeout(() => {
      request.destroy(new Error(`no answer within ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    request.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      res.on('end', () => {
        clearTimeout(timer);
        const out = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          if (value !== undefined) out.set(name, Array.isArray(value) ? value.join(', ') : value);
        }
        resolve({ status: res.statusCode ?? 0, headers: out, text: Buffer.concat(chunks).toString('utf8') });
      });
    });
    request.end(body);
  });
}
