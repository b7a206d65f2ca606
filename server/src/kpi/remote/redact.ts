// Keeps secrets (API keys, passwords) out of every message a remote source produces: errors,
// traces and logs go through a Redactor that knows the secrets of the run. It also hides the forms
// a secret takes on the wire (URL-encoded, inside a Basic authorization header) and credentials
// written into a URL.

export const REDACTED = '[redacted]';

export class Redactor {
  private readonly needles: string[];

  constructor(secrets: readonly (string | undefined)[], users: readonly (string | undefined)[] = []) {
    const forms = new Set<string>();
    for (const secret of secrets) {
      if (!secret) continue;
      forms.add(secret);
      forms.add(encodeURIComponent(secret));
      for (const user of users) if (user !== undefined) forms.add(basic(user, secret));
    }
    // Longest first, so that a secret inside another form is not half-replaced.
    this.needles = [...forms].filter((f) => f.length >= 4).sort((a, b) => b.length - a.length);
  }

  text(value: string): string {
    let out = value;
    for (const needle of this.needles) out = out.split(needle).join(REDACTED);
    // user:password@ in URLs, Authorization and X-ClickHouse-Key headers quoted back in messages.
    return out
      .replace(/(\/\/[^/\s:@]*:)[^@\s/]+@/g, `$1${REDACTED}@`)
      .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9+/=._~-]{8,}/g, `$1 ${REDACTED}`);
  }

  /** An Error whose message (and cause chain) is redacted; the stack is dropped with the original. */
  error(error: unknown): Error {
    const message = error instanceof Error ? error.message : String(error);
    const cause = error instanceof Error && error.cause !== undefined ? this.text(describe(error.cause)) : '';
    const out = new Error(this.text(message) + (cause && !message.includes(cause) ? ` (${cause})` : ''));
    if (error instanceof Error) out.name = error.name;
    return out;
  }
}

function basic(user: string, password: string): string {
  return Buffer.from(`${user}:${password}`).toString('base64');
}

function describe(cause: unknown): string {
  if (cause instanceof Error) {
    const code = (cause as NodeJS.ErrnoException).code;
    return code ? `${code}: ${cause.message}` : cause.message;
  }
  return String(cause);
}

/** A URL without user information, for messages and traces. */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    const text = u.toString();
    return u.pathname === '/' && !u.search ? text.replace(/\/$/, '') : text;
  } catch {
    return url.replace(/\/\/[^/@\s]*@/, '//');
  }
}
